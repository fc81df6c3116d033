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
        for file in files where !Paths.isRegularFile(file) {
            throw ComposeError(.missingFile, "include: \(file) is a directory, not a file", at: entry.location)
        }
        try checkBounds(including: files, at: entry.location, context: &context)
        let projectDirectory =
            entry["project_directory"]?.scalarText.map { Paths.absolute($0, from: directory) }
            ?? Paths.directory(of: files[0])
        var envFiles = strings(entry["env_file"]).map { Paths.absolute($0, from: directory) }
        if envFiles.isEmpty, Paths.isRegularFile(projectDirectory + "/.env") {
            envFiles = [projectDirectory + "/.env"]
        }
        for file in envFiles where !Paths.exists(file) {
            throw ComposeError(.missingFile, "include: couldn't find env file: \(file)", at: entry.location)
        }
        let environment =
            envFiles.isEmpty
            ? context.environment
            : try EnvironmentFiles.load(
                envFiles, over: context.environment, from: .composeFile, warnings: &context.warnings)
        var sub = LoadContext(environment: environment, projectDirectory: projectDirectory, options: context.options)
        sub.includedFileCount = context.includedFileCount
        var included = Node.mapping([:])
        for file in files {
            sub.includeChain = context.includeChain + [Paths.canonical(file)]
            included = try Merge.documents(included, try sub.loadComposeFile(file, from: .composeFile))
        }
        context.warnings += sub.warnings
        context.includedFileCount = sub.includedFileCount
        context.sourceDocuments.merge(sub.sourceDocuments) { first, _ in first }
        return PathRebase.document(included, directory: projectDirectory)
    }

    /// A file that includes itself (directly, through others, a symbolic link or `..`) is a cycle; and the
    /// nesting and the number of files included are bounded, so that a "diamond" of files each including the
    /// next twice cannot load 2^n files.
    private static func checkBounds(
        including files: [String], at location: SourceLocation?, context: inout LoadContext
    ) throws(ComposeError) {
        for file in files {
            let canonical = Paths.canonical(file)
            if context.includeChain.contains(canonical) {
                let cycle = (context.includeChain.drop { $0 != canonical } + [canonical]).joined(separator: " -> ")
                throw ComposeError(.dependencyCycle, "include cycle detected: \(cycle)", at: location)
            }
        }
        if context.includeChain.count > LoaderLimits.includeDepth {
            throw ComposeError(
                .invalidValue,
                LoaderLimits.exceeded("include is nested more than \(LoaderLimits.includeDepth) levels deep"),
                at: location)
        }
        context.includedFileCount += files.count
        if context.includedFileCount > LoaderLimits.includedFiles {
            throw ComposeError(
                .invalidValue,
                LoaderLimits.exceeded("the project includes more than \(LoaderLimits.includedFiles) files in all"),
                at: location)
        }
    }

    private static func add(_ included: Node, to document: Node) throws(ComposeError) -> Node {
        var result = document
        for section in sections {
            guard let resources = included[section]?.mapping else { continue }
            var merged = result[section]?.mapping ?? [:]
            for (name, resource) in resources {
                if let existing = merged[name], !NodeEquality.equal(existing, resource) {
                    throw ComposeError(
                        .conflict, "\(section).\(name) conflicts with imported resource",
                        at: existing.keyLocation ?? existing.location)
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
