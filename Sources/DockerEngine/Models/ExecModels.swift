/// What to run with `exec`: the body of `POST /containers/{id}/exec`.
public struct ExecConfiguration: Sendable, Hashable {
    public var command: [String]
    public var attachesStdin: Bool
    public var attachesStdout: Bool
    public var attachesStderr: Bool
    public var isTTY: Bool
    /// `NAME=value` entries added to the container's environment.
    public var environment: [String]
    public var workingDirectory: String?
    public var user: String?
    public var isPrivileged: Bool

    public init(
        command: [String], attachesStdin: Bool = false, attachesStdout: Bool = true, attachesStderr: Bool = true,
        isTTY: Bool = false, environment: [String] = [], workingDirectory: String? = nil, user: String? = nil,
        isPrivileged: Bool = false
    ) {
        self.command = command
        self.attachesStdin = attachesStdin
        self.attachesStdout = attachesStdout
        self.attachesStderr = attachesStderr
        self.isTTY = isTTY
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.user = user
        self.isPrivileged = isPrivileged
    }

    var json: JSONValue {
        var body: [String: JSONValue] = [
            "Cmd": .array(command.map(JSONValue.string)), "AttachStdin": .bool(attachesStdin),
            "AttachStdout": .bool(attachesStdout), "AttachStderr": .bool(attachesStderr), "Tty": .bool(isTTY),
            "Privileged": .bool(isPrivileged),
        ]
        if !environment.isEmpty { body["Env"] = .array(environment.map(JSONValue.string)) }
        if let workingDirectory { body["WorkingDir"] = .string(workingDirectory) }
        if let user { body["User"] = .string(user) }
        return .object(body)
    }
}

/// `GET /exec/{id}/json`.
public struct ExecInspection: Sendable, Hashable, Decodable {
    public var id: String
    public var containerID: String
    public var isRunning: Bool
    /// The exit code once the process ended (`nil` while it runs).
    public var exitCode: Int?
    public var pid: Int
    public var isStdinOpen: Bool

    enum CodingKeys: String, CodingKey {
        case id = "ID", containerID = "ContainerID", isRunning = "Running", exitCode = "ExitCode", pid = "Pid"
        case isStdinOpen = "OpenStdin"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        containerID = try container.value(.containerID, or: "")
        isRunning = try container.value(.isRunning, or: false)
        exitCode = try container.decodeIfPresent(Int.self, forKey: .exitCode)
        pid = try container.value(.pid, or: 0)
        isStdinOpen = try container.value(.isStdinOpen, or: false)
    }
}
