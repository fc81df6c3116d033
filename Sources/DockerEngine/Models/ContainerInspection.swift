/// `GET /containers/{id}/json`. What Pier reads is typed; host config, mounts and network settings are in ``raw``.
public struct ContainerInspection: Sendable, Hashable, Decodable {
    public var id: String
    /// The name with the engine's leading slash.
    public var name: String
    /// Creation time (RFC 3339).
    public var created: String
    /// The image id (`sha256:…`).
    public var image: String
    public var state: ContainerState
    public var config: ContainerConfigSummary
    public var restartCount: Int
    /// The whole answer.
    public var raw: JSONValue

    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", created = "Created", image = "Image", state = "State", config = "Config"
        case restartCount = "RestartCount"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.value(.name, or: "")
        created = try container.value(.created, or: "")
        image = try container.value(.image, or: "")
        state = try container.decode(ContainerState.self, forKey: .state)
        config = try container.decode(ContainerConfigSummary.self, forKey: .config)
        restartCount = try container.value(.restartCount, or: 0)
        raw = try JSONValue(from: decoder)
    }
}

/// A container's run state.
public struct ContainerState: Sendable, Hashable, Decodable {
    /// `created`, `running`, `paused`, `restarting`, `removing`, `exited` or `dead`.
    public var status: String
    public var isRunning: Bool
    public var isPaused: Bool
    public var isRestarting: Bool
    public var isOOMKilled: Bool
    public var isDead: Bool
    public var pid: Int
    public var exitCode: Int
    public var error: String
    public var startedAt: String
    public var finishedAt: String
    /// `starting`, `healthy` or `unhealthy` for a container with a healthcheck.
    public var healthStatus: String?

    enum CodingKeys: String, CodingKey {
        case status = "Status", isRunning = "Running", isPaused = "Paused", isRestarting = "Restarting"
        case isOOMKilled = "OOMKilled", isDead = "Dead", pid = "Pid", exitCode = "ExitCode", error = "Error"
        case startedAt = "StartedAt", finishedAt = "FinishedAt", health = "Health"
    }

    enum HealthKeys: String, CodingKey { case status = "Status" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = try container.value(.status, or: "")
        isRunning = try container.value(.isRunning, or: false)
        isPaused = try container.value(.isPaused, or: false)
        isRestarting = try container.value(.isRestarting, or: false)
        isOOMKilled = try container.value(.isOOMKilled, or: false)
        isDead = try container.value(.isDead, or: false)
        pid = try container.value(.pid, or: 0)
        exitCode = try container.value(.exitCode, or: 0)
        error = try container.value(.error, or: "")
        startedAt = try container.value(.startedAt, or: "")
        finishedAt = try container.value(.finishedAt, or: "")
        if container.contains(.health), try !container.decodeNil(forKey: .health) {
            let health = try container.nestedContainer(keyedBy: HealthKeys.self, forKey: .health)
            healthStatus = try health.decodeIfPresent(String.self, forKey: .status)
        }
    }
}

/// The parts of a container's `Config` Pier reads.
public struct ContainerConfigSummary: Sendable, Hashable, Decodable {
    public var image: String
    public var labels: [String: String]
    public var isTTY: Bool
    public var isStdinOpen: Bool
    /// Whether the container's stdin closes after the first attached client closes it (`run` containers).
    public var isStdinOnce: Bool
    public var environment: [String]
    public var command: [String]?
    public var entrypoint: [String]?
    public var workingDirectory: String
    public var user: String
    public var hostname: String

    enum CodingKeys: String, CodingKey {
        case image = "Image", labels = "Labels", isTTY = "Tty", isStdinOpen = "OpenStdin", environment = "Env"
        case isStdinOnce = "StdinOnce"
        case command = "Cmd", entrypoint = "Entrypoint", workingDirectory = "WorkingDir", user = "User"
        case hostname = "Hostname"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        image = try container.value(.image, or: "")
        labels = try container.value(.labels, or: [:])
        isTTY = try container.value(.isTTY, or: false)
        isStdinOpen = try container.value(.isStdinOpen, or: false)
        isStdinOnce = try container.value(.isStdinOnce, or: false)
        environment = try container.value(.environment, or: [])
        command = try container.decodeIfPresent([String].self, forKey: .command)
        entrypoint = try container.decodeIfPresent([String].self, forKey: .entrypoint)
        workingDirectory = try container.value(.workingDirectory, or: "")
        user = try container.value(.user, or: "")
        hostname = try container.value(.hostname, or: "")
    }
}
