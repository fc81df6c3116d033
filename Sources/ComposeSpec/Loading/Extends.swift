/// `extends`: a service starts from another service, of the same file or another one, and overrides it.
enum Extends {
    static func apply(to document: Node, file: String, context: inout LoadContext) throws(ComposeError) -> Node {
        guard let services = document["services"]?.mapping,
            services.values.contains(where: { $0["extends"] != nil })
        else { return document }
        var resolver = Resolver(context: context, limit: max(LoaderLimits.extendsNodes, 10 * document.nodeCount))
        var resolved = services
        for name in services.keys where services[name]?["extends"] != nil {
            resolved[name] = try resolver.service(name, in: document, file: file)
        }
        context.warnings = resolver.context.warnings
        context.sourceDocuments = resolver.context.sourceDocuments
        var result = document
        result["services"] = document["services"]!.with(.mapping(resolved))
        return result
    }

    /// Resolves chains without recursion, and each service once: a chain of any length costs one merge per link.
    private struct Resolver {
        /// One service of a chain, which extends the next one.
        struct Link {
            var key: String
            var service: Node
            /// The file of the service it extends, when that is another file.
            var baseFile: String?
            var extends: Node
        }

        var context: LoadContext
        /// Nodes the resolved services may add to the file, and how many they still may.
        let limit: Int
        var budget: Int
        var documents: [String: Node] = [:]
        /// Services already resolved, by `file#name`.
        var resolved: [String: Node] = [:]

        init(context: LoadContext, limit: Int) {
            self.context = context
            self.limit = limit
            self.budget = limit
        }

        mutating func service(_ name: String, in document: Node, file: String) throws(ComposeError) -> Node {
            var chain: [Link] = []
            var positions: [String: Int] = [:]
            var (name, document, file) = (name, document, file)
            var reference: SourceLocation?
            var base: Node
            while true {
                let key = "\(file)#\(name)"
                if let done = resolved[key] {
                    base = done
                    break
                }
                guard let service = document["services"]?[name] else {
                    throw ComposeError(
                        .undefinedReference, "cannot extend service \"\(name)\": service not found", at: reference,
                        file: file)
                }
                guard let extends = service["extends"] else {
                    base = service
                    break
                }
                if let start = positions[key] {
                    let cycle = (chain[start...].map(\.key) + [key]).map {
                        $0.split(separator: "#").last.map(String.init) ?? $0
                    }
                    throw ComposeError(
                        .dependencyCycle, "circular reference with extends: \(cycle.joined(separator: " -> "))",
                        at: extends.location)
                }
                positions[key] = chain.count
                let (baseName, baseFile) = try target(of: extends, file: file)
                chain.append(Link(key: key, service: service, baseFile: baseFile, extends: extends))
                if let baseFile {
                    document = try loadDocument(at: baseFile, for: extends)
                    file = baseFile
                }
                name = baseName
                reference = (extends["service"] ?? extends).location
            }
            for link in chain.reversed() {
                if let baseFile = link.baseFile {
                    base = PathRebase.service(base, directory: Paths.directory(of: baseFile))
                }
                var override = link.service
                override.remove("extends")
                base = try Merge.service(base, override)
                budget -= base.nodeCount
                if budget < 0 {
                    throw ComposeError(
                        .invalidValue, LoaderLimits.exceeded("extends adds more than \(limit) nodes to this file"),
                        at: link.extends.location)
                }
                resolved[link.key] = base
            }
            return base
        }

        private func target(of extends: Node, file: String) throws(ComposeError) -> (String, String?) {
            if let name = extends.string { return (name, nil) }
            guard let name = extends["service"]?.scalarText else {
                throw ComposeError(.wrongType, "extends must name a service", at: extends.location)
            }
            guard let path = extends["file"]?.scalarText else { return (name, nil) }
            let directory = file == "-" ? context.options.workingDirectory : Paths.directory(of: file)
            let absolute = Paths.absolute(path, from: directory)
            return (name, absolute == file ? nil : absolute)
        }

        private mutating func loadDocument(at file: String, for extends: Node) throws(ComposeError) -> Node {
            if let cached = documents[file] { return cached }
            guard Paths.exists(file) else {
                throw ComposeError(
                    .missingFile, "extends: open \(file): no such file or directory",
                    at: (extends["file"] ?? extends).location, file: file)
            }
            let document = try context.readDocument(file, from: .composeFile)
            documents[file] = document
            return document
        }
    }
}

extension Node {
    /// How many nodes the tree holds, this one included.
    var nodeCount: Int {
        switch value {
        case .sequence(let items): return items.reduce(1) { $0 + $1.nodeCount }
        case .mapping(let entries): return entries.values.reduce(1) { $0 + $1.nodeCount }
        case .null, .bool, .int, .double, .string: return 1
        }
    }
}
