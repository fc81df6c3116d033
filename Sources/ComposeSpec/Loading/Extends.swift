/// `extends`: a service starts from another service, of the same file or another one, and overrides it.
enum Extends {
    static func apply(to document: Node, file: String, context: inout LoadContext) throws(ComposeError) -> Node {
        guard let services = document["services"]?.mapping,
            services.values.contains(where: { $0["extends"] != nil })
        else { return document }
        var resolver = Resolver(context: context)
        var resolved = services
        for name in services.keys where services[name]?["extends"] != nil {
            resolved[name] = try resolver.service(name, in: document, file: file, chain: [])
        }
        context.warnings = resolver.context.warnings
        context.sourceDocuments = resolver.context.sourceDocuments
        var result = document
        result["services"] = document["services"]!.with(.mapping(resolved))
        return result
    }

    private struct Resolver {
        var context: LoadContext
        var documents: [String: Node] = [:]

        mutating func service(
            _ name: String, in document: Node, file: String, chain: [String]
        ) throws(ComposeError) -> Node {
            let key = "\(file)#\(name)"
            guard let service = document["services"]?[name] else {
                throw ComposeError(
                    .undefinedReference, "cannot extend service \"\(name)\": service not found", file: file)
            }
            guard let extends = service["extends"] else { return service }
            guard !chain.contains(key) else {
                let cycle = (chain + [key]).map { $0.split(separator: "#").last.map(String.init) ?? $0 }
                throw ComposeError(
                    .dependencyCycle, "circular reference with extends: \(cycle.joined(separator: " -> "))",
                    at: extends.location)
            }
            let (baseName, baseFile) = try target(of: extends, file: file)
            var base: Node
            if let baseFile {
                let baseDocument = try loadDocument(at: baseFile)
                base = try self.service(baseName, in: baseDocument, file: baseFile, chain: chain + [key])
                base = PathRebase.service(base, directory: Paths.directory(of: baseFile))
            } else {
                guard document["services"]?[baseName] != nil else {
                    throw ComposeError(
                        .undefinedReference, "cannot extend service \"\(baseName)\": service not found",
                        at: extends.location)
                }
                base = try self.service(baseName, in: document, file: file, chain: chain + [key])
            }
            var override = service
            if case .mapping(var entries) = override.value {
                entries.removeValue(forKey: "extends")
                override.value = .mapping(entries)
            }
            return try Merge.service(base, override)
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

        private mutating func loadDocument(at file: String) throws(ComposeError) -> Node {
            if let cached = documents[file] { return cached }
            guard Paths.exists(file) else {
                throw ComposeError(.missingFile, "extends: open \(file): no such file or directory", file: file)
            }
            let document = try context.readDocument(file)
            documents[file] = document
            return document
        }
    }
}
