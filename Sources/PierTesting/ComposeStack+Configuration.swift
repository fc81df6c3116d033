import Foundation

extension ComposeStack {
    /// What a stack is started from: the compose files and what `docker compose` would take as flags.
    public struct Configuration: Sendable {
        /// Where `compose.yaml` is looked for, and where relative paths start; the first file's directory when nil.
        public var projectDirectory: URL?
        /// The compose files, merged in order (`-f`); empty: `compose.yaml` and `compose.override.yaml` (or the
        /// other names Compose looks for) in ``projectDirectory``.
        public var files: [URL]
        /// Env files for interpolation (`--env-file`); empty: `.env` in the project directory when there is one.
        public var envFiles: [URL]
        /// The services to start, with those they depend on; every enabled service when empty.
        public var services: [String]
        /// Profiles to enable (`--profile`).
        public var profiles: [String]
        /// Variables for interpolation, over the process environment and the env files. The process's
        /// `COMPOSE_FILE`, `COMPOSE_PROFILES`, `COMPOSE_PROJECT_NAME` and `COMPOSE_ENV_FILES` are left out: the
        /// configuration says those.
        public var environment: [String: String]
        /// What to wait for once the containers are started.
        public var wait: Readiness
        /// How long the wait of ``wait`` (and that of ``ComposeStack/start(service:)``) may take.
        public var waitTimeout: Duration
        /// The project name; nil gives a unique one: the project directory's name and a random suffix. A name of
        /// your own must be unique too.
        public var projectName: String?
        /// Seconds containers get to stop when the stack is removed; 0 (the default) kills them, as the stack is
        /// thrown away.
        public var stopTimeout: Int

        public init(
            projectDirectory: URL? = nil, files: [URL] = [], envFiles: [URL] = [], services: [String] = [],
            profiles: [String] = [], environment: [String: String] = [:], wait: Readiness = .healthy,
            waitTimeout: Duration = .seconds(300), projectName: String? = nil, stopTimeout: Int = 0
        ) {
            self.projectDirectory = projectDirectory
            self.files = files
            self.envFiles = envFiles
            self.services = services
            self.profiles = profiles
            self.environment = environment
            self.wait = wait
            self.waitTimeout = waitTimeout
            self.projectName = projectName
            self.stopTimeout = stopTimeout
        }

        /// The directory the project's name comes from, and relative paths start from.
        var directory: URL {
            projectDirectory ?? files.first?.deletingLastPathComponent()
                ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        }
    }

    /// What ``withRunning(_:_:)`` waits for before it runs its body.
    public enum Readiness: Sendable, Hashable {
        /// Return once `up` has started the containers (after the `depends_on` conditions it honours), whatever
        /// they do next: for stacks with one-off jobs that exit.
        case none
        /// Every container is running: one that already stopped fails the start, with its output.
        case started
        /// Every container is running, and healthy when it has a healthcheck, as `up --wait`: one that stops or
        /// turns unhealthy fails the start, with its output. The default.
        case healthy
    }
}
