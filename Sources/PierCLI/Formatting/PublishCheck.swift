import ComposeSpec

/// What `publish` asks about before it sends a project away, worded as Docker Compose words it: environment
/// variables (refused without `--with-env`, confirmed with it) and bind mounts (confirmed), unless `-y`.
struct PublishCheck {
    /// The project loaded without reading its env files, so that `env_file` entries are still there.
    var project: LoadedProject

    private var services: Node.Mapping { project.document["services"]?.mapping ?? [:] }

    /// Why the project cannot be published without `--with-env`, or nil when it declares no variables.
    var environmentRefusal: String? {
        var lines: [String] = []
        for (name, service) in services {
            if service["env_file"] != nil { lines.append("service \"\(name)\" has env_file declared.") }
            // An env file's variables are the service's too.
            if service["env_file"] != nil || !(service["environment"]?.mapping?.isEmpty ?? true) {
                lines.append("service \"\(name)\" has environment variable(s) declared.")
            }
        }
        guard !lines.isEmpty else { return nil }
        return
            (lines + [
                "To avoid leaking sensitive data, you must either explicitly allow the sending of environment variables "
                    + "by using the --with-env flag,",
                "or remove sensitive data from your Compose configuration",
            ]).joined(separator: "\n")
    }

    /// The variables `--with-env` publishes, by service (`resolved` loads them), or nil when there are none.
    func environmentQuestion(resolved options: ProjectOptions) throws -> String? {
        let declaring = services.filter { $0.value["env_file"] != nil || $0.value["environment"] != nil }.map(\.key)
        guard !declaring.isEmpty else { return nil }
        let resolved = try ProjectTarget.loadProject(options).document["services"]?.mapping ?? [:]
        var lines = [
            "you are about to publish environment variables within your OCI artifact.",
            "please double check that you are not leaking sensitive data",
        ]
        for name in declaring {
            lines.append("Service/Config  \(name)")
            for (key, value) in resolved[name]?["environment"]?.mapping ?? [:] {
                lines.append(value.scalarText.map { "\(key)=\($0)" } ?? key)
            }
        }
        return lines.joined(separator: "\n") + "\nAre you ok to publish these environment variables?"
    }

    /// The bind mounts the published files declare (their sources travel, not their content), or nil.
    var bindMountQuestion: String? {
        var binds: [String] = []
        for (name, service) in services {
            for volume in service["volumes"]?.sequence ?? [] where volume["type"]?.scalarText == "bind" {
                let mode = volume["read_only"]?.scalarText == "true" ? "ro" : "rw"
                let source = volume["source"]?.scalarText ?? ""
                binds.append("\(name) \(source):\(volume["target"]?.scalarText ?? ""):\(mode)")
            }
        }
        guard !binds.isEmpty else { return nil }
        return
            ([
                "you are about to publish bind mounts declaration within your OCI artifact.",
                "only the bind mount declarations will be added to the OCI artifact (not content)",
                "please double check that you are not mounting potential user's sensitive directories or data",
            ] + binds).joined(separator: "\n") + "\nAre you ok to publish these bind mount declarations?"
    }
}
