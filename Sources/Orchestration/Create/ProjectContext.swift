import ComposeSpec

/// What creating any of a project's resources needs to know about the project: its name, where it lives and its
/// canonical document (for top-level networks, volumes, secrets and configs).
public struct ProjectContext: Sendable {
    public var name: String
    /// The project directory, recorded in the `com.docker.compose.project.working_dir` label.
    public var workingDirectory: String
    /// The compose files, recorded (comma-separated) in the `com.docker.compose.project.config_files` label.
    public var configFiles: [String]
    /// The canonical document: what `pier config --format json` prints, with `$` unescaped.
    public var document: Node
    /// The environment `environment:`-sourced secrets and configs read.
    public var environment: [String: String]
    /// Labels put on everything the project's operations create (containers, networks, volumes, built images)
    /// beside the user's and Compose's, which win over them; they take no part in configuration hashes. Empty for
    /// the command line; a test library marks its stacks with them.
    public var resourceLabels: [String: String] = [:]
    /// What joins the parts of container and image names: `-`, or `_` in compatibility mode.
    public var nameSeparator = "-"

    public init(
        name: String, workingDirectory: String, configFiles: [String], document: Node,
        environment: [String: String] = [:]
    ) {
        self.name = name
        self.workingDirectory = workingDirectory
        self.configFiles = configFiles
        self.document = document
        self.environment = environment
    }

    public init(_ project: LoadedProject) {
        self.init(
            name: project.name, workingDirectory: project.workingDirectory, configFiles: project.configFiles,
            document: project.document, environment: project.environment)
    }

    /// A top-level resource definition (`section` is `networks`, `volumes`, `secrets` or `configs`).
    func definition(_ section: String, _ key: String) -> Node? {
        document[section]?[key]
    }

    /// The engine-side name of a top-level resource: its `name`, else `<project>_<key>` as Compose names them.
    func engineName(_ section: String, _ key: String) -> String {
        definition(section, key)?.field("name")?.scalarText ?? "\(name)_\(key)"
    }
}
