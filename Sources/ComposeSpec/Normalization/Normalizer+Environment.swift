/// `environment` with `env_file`, and `labels` with `label_file`: files first, the service's own entries win.
extension Normalizer {
    func normalizeEnvironment(_ service: inout Node) throws(ComposeError) {
        var environment = Node.Mapping()
        if let files = service["env_file"], !resolvesEnvironmentFiles {
            service["env_file"] = files.with(.sequence(try envFileEntries(files).map(\.node)))
        } else if let files = service["env_file"] {
            for entry in try envFileEntries(files) {
                for (key, value) in try entry.read(lookup: { self.environment[$0] }, warnings: warnings) {
                    environment[key] = value.map { .string($0, at: entry.location) } ?? .null
                }
            }
            service.remove("env_file")
        }
        if let declared = service["environment"] {
            for (key, value) in declared.keyValueMapping(missing: .null).mapping ?? [:] {
                // `KEY` alone passes the value through from the environment Pier runs in.
                environment[key] =
                    value.isNull ? self.environment[key].map { .string($0, at: value.location) } ?? value : value
            }
        }
        guard service["environment"] != nil || !environment.isEmpty else { return }
        environment.sort { $0.key < $1.key }
        service["environment"] = Node(.mapping(environment), at: service["environment"]?.location)
    }

    func normalizeLabelFiles(_ service: inout Node) throws(ComposeError) {
        guard let files = service["label_file"] else { return }
        var labels = Node.Mapping()
        for entry in try envFileEntries(files) {
            for (key, value) in try entry.read(lookup: { _ in nil }, warnings: warnings) {
                labels[key] = .string(value ?? "", at: entry.location)
            }
        }
        for (key, value) in service["labels"]?.mapping ?? [:] { labels[key] = value }
        service["labels"] = .mapping(labels)
        // Kept (absolute) for the containers' configuration hash, which covers it in Compose; `config` omits it.
        service["label_file"] = files.with(
            .sequence(try envFileEntries(files).map { .string($0.path, at: $0.location) }))
    }

    private func envFileEntries(_ node: Node) throws(ComposeError) -> [EnvFileEntry] {
        let items = node.sequence ?? [node]
        return items.compactMap { item in
            if let path = item.scalarText {
                return EnvFileEntry(
                    path: absolutePath(path), required: requireEnvFiles, raw: false, location: item.location)
            }
            guard let path = item["path"]?.scalarText else { return nil }
            var required = requireEnvFiles
            if case .bool(false) = item["required"]?.value { required = false }
            return EnvFileEntry(
                path: absolutePath(path), required: required, raw: item["format"]?.scalarText == "raw",
                location: item.location)
        }
    }

    private func absolutePath(_ path: String) -> String {
        Paths.absolute(path, from: projectDirectory)
    }
}

/// One `env_file` (or `label_file`) entry of a service.
struct EnvFileEntry {
    var path: String
    var required: Bool
    var raw: Bool
    var location: SourceLocation?

    /// The entry in its long form: `path`, `required`, and `format: raw` when raw.
    var node: Node {
        var entry: Node.Mapping = ["path": .string(path, at: location), "required": Node(.bool(required))]
        if raw { entry["format"] = .string("raw") }
        return Node(.mapping(entry), at: location)
    }

    func read(
        lookup: (String) -> String?, warnings: WarningLog
    ) throws(ComposeError) -> [(key: String, value: String?)] {
        guard Paths.isRegularFile(path) else {
            if !required { return [] }
            throw ComposeError(.missingFile, "env file \(path) not found: no such file or directory", at: location)
        }
        let text: String
        do {
            text = try Paths.readText(path, from: .composeFile)
        } catch {
            throw ComposeError(error.code, "env file \(path): \(error.message)", at: location)
        }
        let entries =
            raw
            ? try DotEnv.parseRaw(text, file: path)
            : try DotEnv.parse(text, file: path, lookup: lookup) {
                warnings.messages.append(ComposeWarning.unsetVariable($0, at: $1))
            }
        return entries.map { entry in (entry.key, entry.value ?? lookup(entry.key)) }
    }
}
