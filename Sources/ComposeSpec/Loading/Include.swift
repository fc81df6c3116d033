/// `include`: another compose application, loaded as its own project (its own directory and env files) and
/// added to this one. A resource both define is a conflict.
enum Include {
    static let sections = ["services", "networks", "volumes", "secrets", "configs", "models"]

    static func apply(to document: Node, directory: String, context: inout LoadContext) throws(ComposeError) -> Node {
        guard let includeNode = document["include"] else { return document }
        var result = document
        if case .mapping(var entries) = result.value {
            entries.removeValue(forKey: "include")
            result.value = .mapping(entries)
        }
        for entry in includeNode.sequence ?? [] {
            let included = try load(entry, directory: directory, context: &context)
            result = try add(included, to: result)
        }
        return result
    }

    private static func load(_ entry: Node, directory: String, context: inout LoadContext) throws(ComposeError) -> Node
    {
        let paths = strings(entry.string != nil ? entry : entry["path"])
        guard !paths.isEmpty else {
            throw ComposeError(.invalidValue, "include requires a path", at: entry.location)
        }
        let files = paths.map { Paths.absolute($0, from: directory) }
        for file in files where !Paths.exists(file) {
            throw ComposeError(.missingFile, "include: open \(file): no such file or directory", at: entry.location)
        }
        let projectDirectory =
            entry["project_directory"]?.scalarText.map { Paths.absolute($0, from: directory) }
            ?? Paths.directory(of: files[0])
        var envFiles = strings(entry["env_file"]).map { Paths.absolute($0, from: directory) }
        if envFiles.isEmpty, Paths.isRegularFile(projectDirectory + "/.env") {
            envFiles = [projectDirectory + "/.env"]
        }
        let environment =
            envFiles.isEmpty
            ? context.environment : try EnvironmentFiles.load(envFiles, over: context.environment)
        var sub = LoadContext(environment: environment, projectDirectory: projectDirectory, options: context.options)
        var included = Node.mapping([:])
        for file in files {
            included = try Merge.documents(included, try sub.loadComposeFile(file))
        }
        context.warnings += sub.warnings
        context.sourceDocuments.merge(sub.sourceDocuments) { first, _ in first }
        return PathRebase.document(included, directory: projectDirectory)
    }

    private static func add(_ included: Node, to document: Node) throws(ComposeError) -> Node {
        var result = document
        for section in sections {
            guard let resources = included[section]?.mapping else { continue }
            var merged = result[section]?.mapping ?? [:]
            for (name, resource) in resources {
                if let existing = merged[name], !NodeEquality.equal(existing, resource) {
                    throw ComposeError(
                        .conflict, "\(section).\(name) conflicts with imported resource", at: merged[name]?.location)
                }
                merged[name] = resource
            }
            result[section] = .mapping(merged, at: result[section]?.location)
        }
        return result
    }

    private static func strings(_ node: Node?) -> [String] {
        guard let node else { return [] }
        if let items = node.sequence { return items.compactMap(\.scalarText) }
        return node.scalarText.map { [$0] } ?? []
    }
}
