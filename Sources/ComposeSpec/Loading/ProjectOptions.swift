/// What a user asks the loader for: the flags and environment that `-f`, `-p`, `--profile`, `--env-file` and
/// `--project-directory` (or their `COMPOSE_*` variables) give.
public struct ProjectOptions: Sendable {
    /// Compose files as given with `-f`; `-` reads standard input. Empty: `COMPOSE_FILE`, then discovery.
    public var files: [String] = []
    public var projectName: String?
    public var projectDirectory: String?
    public var profiles: [String] = []
    /// Env files as given with `--env-file`. Empty: `COMPOSE_ENV_FILES`, then `.env` in the project directory.
    public var envFiles: [String] = []
    /// The process environment; it wins over every env file.
    public var environment: [String: String]
    /// The directory relative `-f`, `--env-file` and `--project-directory` paths start from.
    public var workingDirectory: String
    /// Services named on the command line: they are enabled whatever their profiles, and (unless not
    /// `narrowsToSelection`) the project narrows to them and what they need.
    public var selectedServices: [String] = []
    /// False for the commands that act on existing containers (`stop`, `down`…): the services they name are
    /// enabled, and the others stay (their dependents matter to them).
    public var narrowsToSelection = true
    public var interpolate = true
    public var normalize = true
    public var resolvePaths = true
    public var checkConsistency = true
    /// Whether services' `env_file` entries are read into their `environment` (`config --no-env-resolution`).
    public var resolveEnvironmentFiles = true
    /// Compose files fetched from elsewhere (a published project, `-f oci://…`) into a cache: the project
    /// directory is not their folder, and their relative paths are relative to their own folder.
    public var remoteFiles: Set<String> = []
    /// `--all-resources`: keep the networks, volumes, secrets and configs no service uses.
    public var allResources = false
    /// With false, a missing `env_file` or `label_file` is skipped as if `required: false` (`pier check` reports
    /// them all instead of stopping at the first).
    public var requireEnvFiles = true
    /// With false, two services claiming one `container_name` load (`pier check` reports the clash among the
    /// others instead of stopping at it).
    public var requireUniqueContainerNames = true
    /// Read when a compose file is `-`.
    public var readStandardInput: @Sendable () -> String = { "" }

    public init(environment: [String: String], workingDirectory: String) {
        self.environment = environment
        self.workingDirectory = workingDirectory
    }
}

/// A loaded project: the canonical compose document and what it was loaded from.
public struct LoadedProject: Sendable {
    public var name: String
    /// The project in canonical form: what `pier config` prints.
    public var document: Node
    public var workingDirectory: String
    public var configFiles: [String]
    /// The environment used for interpolation: process environment over the env files.
    public var environment: [String: String]
    /// Profiles present in the files, for `config --profiles`.
    public var allProfiles: [String]
    /// Every service the files define, enabled or not: a container of a disabled service is not an orphan.
    public var allServices: [String] = []
    /// What the files ask for that loads but should be fixed, in the order it was read.
    public var warnings: [ComposeWarning]
    /// Each compose file read (those `include` and `extends` read too) as written: parsed, not interpolated nor
    /// merged, by absolute path; for the lint rules about how a file is written.
    public var sourceDocuments: [String: Node] = [:]
}
