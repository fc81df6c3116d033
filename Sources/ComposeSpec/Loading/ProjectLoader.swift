import Foundation

/// Loads a compose project the way Docker Compose v2 does: find the files, build the environment, read and
/// interpolate each file, apply `extends` and `include`, merge the files in order, select profiles, then
/// normalize to the canonical form `config` prints.
public enum ProjectLoader {
    public static func load(_ options: ProjectOptions) throws(ComposeError) -> LoadedProject {
        var warnings: [ComposeWarning] = []
        do {
            return try load(options, warnings: &warnings)
        } catch {
            var failure = error
            failure.warnings = warnings
            throw failure
        }
    }

    /// Loads, gathering warnings in `warnings` as it goes, so that they are not lost when a later step fails.
    private static func load(
        _ options: ProjectOptions, warnings: inout [ComposeWarning]
    ) throws(ComposeError) -> LoadedProject {
        var options = options
        options.environment = try EnvironmentFiles.workingEnvironment(options, warnings: &warnings)
        let files = try ConfigFiles.resolve(options)
        let projectDirectory =
            options.projectDirectory.map { Paths.absolute($0, from: options.workingDirectory) }
            ?? files.first.flatMap { $0 == "-" || options.remoteFiles.contains($0) ? nil : Paths.directory(of: $0) }
            ?? options.workingDirectory
        var environment = try EnvironmentFiles.projectEnvironment(
            options, projectDirectory: projectDirectory, warnings: &warnings)
        let environmentWarnings = warnings
        var context = LoadContext(
            environment: environment, projectDirectory: projectDirectory, options: options)
        defer { warnings = environmentWarnings + context.warnings }
        var document = try context.loadComposeFiles(files)
        let name = try ProjectName.resolve(
            flag: options.projectName, environment: environment, document: document,
            projectDirectory: projectDirectory)
        // Files may interpolate `COMPOSE_PROJECT_NAME`, which only now holds the name: load them once more
        // with it, in the rare case they ask for it and the environment did not set it.
        if environment["COMPOSE_PROJECT_NAME"] != name,
            context.readTexts.contains(where: { $0.contains("COMPOSE_PROJECT_NAME") })
        {
            environment["COMPOSE_PROJECT_NAME"] = name
            context = LoadContext(environment: environment, projectDirectory: projectDirectory, options: options)
            document = try context.loadComposeFiles(files)
        }
        document["name"] = .string(name)

        let activeProfiles = Profiles.active(options.profiles, environment: environment)
        let allProfiles = Profiles.all(in: document)
        let allServices = (document["services"]?.mapping?.keys).map(Array.init) ?? []
        if options.checkConsistency {
            try EnabledServiceRules.check(
                try Profiles.select(document, profiles: activeProfiles, services: []),
                uniqueContainerNames: options.requireUniqueContainerNames)
        }
        document = try Profiles.select(
            document, profiles: activeProfiles, services: options.selectedServices,
            narrowing: options.narrowsToSelection)

        if options.normalize {
            var normalizer = Normalizer(
                projectName: name, projectDirectory: projectDirectory, environment: environment,
                resolvePaths: options.resolvePaths)
            normalizer.resolvesEnvironmentFiles = options.resolveEnvironmentFiles
            normalizer.requireEnvFiles = options.requireEnvFiles
            document = try normalizer.normalize(document, warnings: &context.warnings)
        }
        if options.checkConsistency {
            try Consistency.check(document)
        }
        if options.normalize && !options.allResources {
            document = UnusedResources.remove(from: document)
        }
        return LoadedProject(
            name: name, document: document, workingDirectory: projectDirectory,
            configFiles: files.map { $0 == "-" ? $0 : Paths.absolute($0, from: options.workingDirectory) },
            environment: environment, allProfiles: allProfiles, allServices: allServices,
            warnings: environmentWarnings + context.warnings, sourceDocuments: context.sourceDocuments)
    }
}

extension ProjectLoader {
    /// The variables the project's files refer to, with their defaults: what `config --variables` lists.
    public static func variables(_ options: ProjectOptions) throws(ComposeError) -> [VariableReference] {
        try Interpolation.variables(in: try loadRaw(options).document)
    }
}

/// What loading one file needs to know about the project, and the warnings it gathers.
struct LoadContext {
    var environment: [String: String]
    var projectDirectory: String
    var options: ProjectOptions
    var warnings: [ComposeWarning] = []
    /// Every file read, parsed but not interpolated, by path (for `LoadedProject.sourceDocuments`).
    var sourceDocuments: [String: Node] = [:]
    /// The text of every file read, to tell whether a file refers to a variable at all.
    var readTexts: [String] = []
    /// The files being loaded, each included by the one before it (canonical paths): a file met again is a cycle.
    var includeChain: [String] = []
    /// How many files `include` loaded so far in the whole project.
    var includedFileCount = 0

    init(environment: [String: String], projectDirectory: String, options: ProjectOptions) {
        self.environment = environment
        self.projectDirectory = projectDirectory
        self.options = options
    }

    mutating func loadComposeFiles(_ files: [String]) throws(ComposeError) -> Node {
        var document = Node.mapping([:])
        for file in files {
            includeChain = file == "-" ? [] : [Paths.canonical(file)]
            document = try Merge.documents(document, try loadComposeFile(file, from: .commandLine))
        }
        return document
    }

    /// Reads a file and brings it to the point where files merge: interpolated, typed, validated, extended.
    mutating func loadComposeFile(_ file: String, from origin: Paths.Origin) throws(ComposeError) -> Node {
        var document = try readDocument(file, from: origin)
        let directory = file == "-" ? options.workingDirectory : Paths.directory(of: file)
        document = try Extends.apply(to: document, file: file, context: &self)
        // A fetched project's paths are relative to the folder it was fetched into.
        if options.remoteFiles.contains(file) { document = PathRebase.document(document, directory: directory) }
        document = try Include.apply(to: document, directory: directory, context: &self)
        return document
    }

    private static func removingReset(_ node: Node) -> Node {
        switch node.value {
        case .mapping(let entries):
            return node.with(.mapping(entries.filter { $0.value.mergeTag != .reset }.mapValues(removingReset)))
        case .sequence(let items):
            return node.with(.sequence(items.filter { $0.mergeTag != .reset }.map(removingReset)))
        default:
            return node
        }
    }

    /// Reads, interpolates, casts and validates one file, without resolving `extends`.
    mutating func readDocument(_ file: String, from origin: Paths.Origin) throws(ComposeError) -> Node {
        let displayName = file == "-" ? "-" : Paths.absolute(file, from: options.workingDirectory)
        let text: String
        if file == "-" {
            text = options.readStandardInput()
            if text.utf8.count > LoaderLimits.fileSize {
                throw ComposeError(
                    .invalidValue, LoaderLimits.exceeded("larger than \(LoaderLimits.fileSize >> 20) MiB"), file: "-")
            }
        } else {
            text = try Paths.readText(displayName, from: origin)
        }
        readTexts.append(text)
        let documents = try YAMLReader.documents(text, file: displayName)
        if let first = documents.first, sourceDocuments[displayName] == nil { sourceDocuments[displayName] = first }
        for extra in documents.dropFirst() where extra.mapping == nil {
            throw ComposeError(
                .wrongType, "top-level object must be a mapping, found \(extra.kindName)", at: extra.location,
                file: displayName)
        }
        guard var document = documents.first else {
            throw ComposeError(.emptyFile, "empty compose file", file: displayName)
        }
        for next in documents.dropFirst() {
            document = try Merge.documents(document, next)
        }
        guard document.mapping != nil else {
            throw ComposeError(
                .wrongType, "top-level object must be a mapping, found \(document.kindName)",
                at: document.location)
        }
        if options.interpolate {
            let environment = self.environment
            var unset: [ComposeWarning] = []
            defer { warnings += unset }
            document = try Interpolation.interpolate(document) {
                environment[$0]
            } onUnsetVariable: {
                unset.append(ComposeWarning.unsetVariable($0, at: $1))
            }
        }
        if options.interpolate {
            document = try SchemaCasting.cast(document, warnings: &warnings)
        }
        // `!reset` removes what it tags, whatever that is: there is nothing left to validate.
        try SchemaValidator.validate(Self.removingReset(document))
        if document["version"] != nil {
            warnings.append(
                ComposeWarning(
                    "the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential "
                        + "confusion", file: displayName))
        }
        return document
    }
}
