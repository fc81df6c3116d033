/// An entry of `GET /containers/json`.
public struct ContainerSummary: Sendable, Hashable, Decodable {
    public var id: String
    /// Names with the engine's leading slash (`/web-1`).
    public var names: [String]
    public var image: String
    public var imageID: String
    public var command: String
    /// Creation time, in seconds since 1970.
    public var created: Int64
    /// `created`, `running`, `paused`, `restarting`, `removing`, `exited` or `dead`.
    public var state: String
    /// Human status: `Up 3 minutes (healthy)`.
    public var status: String
    public var labels: [String: String]
    public var ports: JSONValue
    public var networkSettings: JSONValue
    /// The container's mounts, as inspecting it lists them (`Type`, `Name`, `Source`, `Destination`, `Driver`…).
    public var mounts: JSONValue

    enum CodingKeys: String, CodingKey {
        case id = "Id", names = "Names", image = "Image", imageID = "ImageID", command = "Command"
        case created = "Created", state = "State", status = "Status", labels = "Labels", ports = "Ports"
        case networkSettings = "NetworkSettings", mounts = "Mounts"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        names = try container.value(.names, or: [])
        image = try container.value(.image, or: "")
        imageID = try container.value(.imageID, or: "")
        command = try container.value(.command, or: "")
        created = try container.value(.created, or: 0)
        state = try container.value(.state, or: "")
        status = try container.value(.status, or: "")
        labels = try container.value(.labels, or: [:])
        ports = try container.value(.ports, or: .null)
        networkSettings = try container.value(.networkSettings, or: .null)
        mounts = try container.value(.mounts, or: .null)
    }
}

/// The answer to `POST /containers/create`.
public struct ContainerCreated: Sendable, Hashable, Decodable {
    public var id: String
    public var warnings: [String]

    enum CodingKeys: String, CodingKey { case id = "Id", warnings = "Warnings" }

    init(id: String, warnings: [String] = []) {
        self.id = id
        self.warnings = warnings
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        warnings = try container.value(.warnings, or: [])
    }
}

/// Which state change `wait` waits for.
public enum WaitCondition: String, Sendable, Hashable {
    /// Returns at once for a container that is not running (also one only created).
    case notRunning = "not-running"
    /// Waits for the next exit, even of a container not yet started.
    case nextExit = "next-exit"
    /// Waits until the container is removed.
    case removed
}

/// The answer to `POST /containers/{id}/wait`.
public struct WaitResult: Sendable, Hashable, Decodable {
    public var statusCode: Int
    /// An error waiting (not the process's own failure).
    public var errorMessage: String?

    enum CodingKeys: String, CodingKey { case statusCode = "StatusCode", error = "Error" }
    enum ErrorKeys: String, CodingKey { case message = "Message" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        statusCode = try container.value(.statusCode, or: 0)
        if container.contains(.error), try !container.decodeNil(forKey: .error) {
            let error = try container.nestedContainer(keyedBy: ErrorKeys.self, forKey: .error)
            errorMessage = try error.decodeIfPresent(String.self, forKey: .message).flatMap { $0.isEmpty ? nil : $0 }
        }
    }
}

/// `GET /containers/{id}/top`: a `ps` table.
public struct ContainerProcesses: Sendable, Hashable, Decodable {
    public var titles: [String]
    public var processes: [[String]]

    enum CodingKeys: String, CodingKey { case titles = "Titles", processes = "Processes" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        titles = try container.value(.titles, or: [])
        processes = try container.value(.processes, or: [])
    }
}
