/// What a build may ask Pier for while it runs: directories to read, registry credentials, secrets and SSH agents.
/// A build asks only for what its Dockerfile uses; a secret's value is read when asked for, and never kept.
public struct BuildSessionProviders: Sendable {
    /// Directories by the name BuildKit asks for: `context`, `dockerfile`, and named contexts.
    public var directories: [String: any SyncedDirectory]
    /// Credentials for a registry host, or nil for none.
    public var credentials: (@Sendable (String) async -> RegistryCredential?)?
    /// Secrets by id (`RUN --mount=type=secret,id=…`).
    public var secrets: [String: BuildSecret]
    /// SSH agent sockets by id (`RUN --mount=type=ssh,id=…`; `default` when the Dockerfile names none).
    public var sshAgents: [String: String]

    public init(
        directories: [String: any SyncedDirectory] = [:],
        credentials: (@Sendable (String) async -> RegistryCredential?)? = nil, secrets: [String: BuildSecret] = [:],
        sshAgents: [String: String] = [:]
    ) {
        self.directories = directories
        self.credentials = credentials
        self.secrets = secrets
        self.sshAgents = sshAgents
    }
}

/// A username and secret (password or token) for a registry.
public struct RegistryCredential: Sendable, Hashable {
    public var username: String
    public var secret: String

    public init(username: String, secret: String) {
        self.username = username
        self.secret = secret
    }
}

/// Where a build secret's value comes from.
public enum BuildSecret: Sendable, Hashable {
    /// A file's contents, read when the build asks.
    case file(String)
    /// A value already at hand (from an environment variable).
    case value([UInt8])
}
