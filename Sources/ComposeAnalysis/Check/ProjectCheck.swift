import ComposeSpec
import Foundation

/// What `up` would trip on that the files alone tell, found without an engine and without changing anything:
/// missing env files, bind-mount sources, build contexts, Dockerfiles, secret and config files; unset
/// variables; and the project's own clashes (a host port or container name used twice).
public enum ProjectCheck {
    /// The checks on a project loaded with `requireEnvFiles` and `requireUniqueContainerNames` off; `raw` is the
    /// same project loaded without interpolation or normalization (for its `env_file` entries as written),
    /// `variables` its unset variables.
    public static func findings(project: LoadedProject, raw: LoadedProject?, variables: [VariableIssue]) -> [Finding] {
        var findings = variables.map(finding(for:))
        let directory = project.workingDirectory
        if let raw { findings += envFiles(raw) }
        for service in ServiceView.all(in: project.document) {
            findings += bindSources(service, directory: directory) + build(service, directory: directory)
        }
        findings += resourceFiles(project.document, directory: directory)
        let context = LintContext(project: project)
        for id in clashRules {
            guard let rule = LintRule.named(id) else { continue }
            findings += rule.check(context).map { issue in
                Finding(
                    rule: id, severity: rule.severity, message: issue.message, at: issue.location,
                    service: issue.service)
            }
        }
        return Finding.sorted(findings)
    }

    /// The lint rules that are certain failures of `up`, run by `check` too.
    static let clashRules = [
        "duplicate-published-port", "duplicate-container-name", "container-name-invalid",
    ]

    public static func finding(for issue: VariableIssue) -> Finding {
        switch issue.kind {
        case .requiredMissing(let message):
            return Finding(rule: "variable-required", severity: .error, message: message, at: issue.location)
        case .defaultsToBlank:
            return Finding(
                rule: "variable-unset", severity: .warning,
                message: "variable \(issue.name) is not set: it defaults to a blank string", at: issue.location)
        }
    }

    /// `env_file` entries whose file is missing (those marked `required: false` are fine).
    static func envFiles(_ raw: LoadedProject) -> [Finding] {
        ServiceView.all(in: raw.document).flatMap { service -> [Finding] in
            let entries = service.field("env_file").map { $0.sequence ?? [$0] } ?? []
            return entries.compactMap { entry in
                guard let path = entry.scalarText ?? entry["path"]?.scalarText, !path.contains("$") else { return nil }
                if case .bool(false) = entry["required"]?.value { return nil }
                let absolute = path.hasPrefix("/") ? path : raw.workingDirectory + "/" + path
                guard !FileManager.default.fileExists(atPath: absolute) else { return nil }
                return Finding(
                    rule: "env-file-missing", severity: .error,
                    message: "service \"\(service.name)\": env file \(path) does not exist",
                    at: entry.location, service: service.name)
            }
        }
    }

    static func bindSources(_ service: ServiceView, directory: String) -> [Finding] {
        service.bindMounts.compactMap { source, target, _, node in
            guard source.hasPrefix("/"), !FileManager.default.fileExists(atPath: source) else { return nil }
            let creates = node["bind"]?["create_host_path"]?.isTrue == true
            let outcome = creates ? "the engine would create an empty directory in its place" : "up fails"
            return Finding(
                rule: "bind-source-missing", severity: .error,
                message: "\(service.subject): bind mount source \(ProjectGraph.relative(source, to: directory)) (for "
                    + "\(target)) does not exist: \(outcome)",
                at: node.location, service: service.name)
        }
    }

    /// A local build context that is missing, or a Dockerfile missing from it.
    static func build(_ service: ServiceView, directory: String) -> [Finding] {
        guard let build = service.build, let context = build["context"]?.scalarText, context.hasPrefix("/") else {
            return []
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: context, isDirectory: &isDirectory), isDirectory.boolValue else {
            return [
                Finding(
                    rule: "build-context-missing", severity: .error,
                    message:
                        "\(service.subject): build context \(ProjectGraph.relative(context, to: directory)) is not "
                        + "a directory",
                    at: build["context"]?.location ?? build.location, service: service.name)
            ]
        }
        guard build["dockerfile_inline"] == nil else { return [] }
        let name = build["dockerfile"]?.scalarText ?? "Dockerfile"
        let path = name.hasPrefix("/") ? name : context + "/" + name
        guard !FileManager.default.fileExists(atPath: path) else { return [] }
        return [
            Finding(
                rule: "dockerfile-missing", severity: .error,
                message: "\(service.subject): Dockerfile \(ProjectGraph.relative(path, to: directory)) does not exist",
                at: build["dockerfile"]?.location ?? build.location, service: service.name)
        ]
    }

    /// Secrets and configs read from files that are missing.
    static func resourceFiles(_ document: Node, directory: String) -> [Finding] {
        ["secrets", "configs"].flatMap { section in
            (document[section]?.mapping ?? [:]).compactMap { key, definition -> Finding? in
                guard let file = definition["file"]?.scalarText, file.hasPrefix("/"),
                    !FileManager.default.fileExists(atPath: file)
                else { return nil }
                return Finding(
                    rule: "file-missing", severity: .error,
                    message: "\(section).\(key): file \(ProjectGraph.relative(file, to: directory)) does not exist",
                    at: definition["file"]?.location ?? definition.location)
            }
        }
    }
}
