/// A Swarm object as the manager returns it (`/services`, `/secrets`, `/configs`, `/nodes`, `/tasks`): its id, the
/// version updates must name, and its spec. Fields Pier reads are typed; the rest is in ``spec`` and ``raw``.
public struct SwarmObject: Sendable, Hashable, Decodable {
    public var id: String
    /// The object's version index, which an update names so that it does not overwrite a newer change.
    public var version: Int64
    public var spec: JSONValue
    /// The whole answer (a task's `Status`, a node's `Description`…).
    public var raw: JSONValue

    public var name: String { spec["Name"]?.stringValue ?? "" }

    /// The spec's labels.
    public var labels: [String: String] {
        (spec["Labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    enum CodingKeys: String, CodingKey { case id = "ID", version = "Version", spec = "Spec" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        let version = try container.decodeIfPresent(JSONValue.self, forKey: .version)
        if case .integer(let index) = version?["Index"] { self.version = index } else { self.version = 0 }
        spec = try container.decodeIfPresent(JSONValue.self, forKey: .spec) ?? .null
        raw = try JSONValue(from: decoder)
    }
}

/// A task: one replica of a service, placed on a node.
public struct SwarmTask: Sendable, Hashable, Decodable {
    public var id: String
    public var serviceID: String
    public var nodeID: String?
    /// The replica number (replicated services; global ones have none).
    public var slot: Int?
    /// `running`, `shutdown`, `complete`…: what the orchestrator wants.
    public var desiredState: String
    /// `new`, `pending`, `assigned`, `preparing`, `starting`, `running`, `complete`, `failed`, `rejected`,
    /// `shutdown`, `orphaned`…: where the task is.
    public var state: String
    /// The state's message and, when it failed, the error.
    public var message: String
    public var error: String?
    /// When the task reached its state (RFC 3339).
    public var timestamp: String
    public var containerID: String?
    public var exitCode: Int?
    public var raw: JSONValue

    enum CodingKeys: String, CodingKey {
        case id = "ID", serviceID = "ServiceID", nodeID = "NodeID", slot = "Slot", desiredState = "DesiredState"
        case status = "Status"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        serviceID = try container.decodeIfPresent(String.self, forKey: .serviceID) ?? ""
        nodeID = try container.decodeIfPresent(String.self, forKey: .nodeID).flatMap { $0.isEmpty ? nil : $0 }
        slot = try container.decodeIfPresent(Int.self, forKey: .slot)
        desiredState = try container.decodeIfPresent(String.self, forKey: .desiredState) ?? ""
        let status = try container.decodeIfPresent(JSONValue.self, forKey: .status) ?? .null
        state = status["State"]?.stringValue ?? ""
        message = status["Message"]?.stringValue ?? ""
        error = status["Err"]?.stringValue
        timestamp = status["Timestamp"]?.stringValue ?? ""
        containerID = status["ContainerStatus"]?["ContainerID"]?.stringValue
        if case .integer(let code) = status["ContainerStatus"]?["ExitCode"] { exitCode = Int(code) }
        raw = try JSONValue(from: decoder)
    }
}
