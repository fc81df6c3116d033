/// One message of `GET /events`: something happened to a container, image, network, volume…
public struct EngineEvent: Sendable, Hashable, Decodable {
    /// `container`, `image`, `network`, `volume`, `daemon`, `plugin`…
    public var type: String
    /// `create`, `start`, `die`, `health_status: healthy`, `exec_start: sh`…
    public var action: String
    public var actor: Actor
    /// `local` or `swarm`.
    public var scope: String?
    /// Seconds since 1970.
    public var time: Int64
    /// Nanoseconds since 1970.
    public var timeNano: Int64

    /// The object the event is about: its id and attributes (for containers: name, image, labels).
    public struct Actor: Sendable, Hashable, Decodable {
        public var id: String
        public var attributes: [String: String]

        enum CodingKeys: String, CodingKey { case id = "ID", attributes = "Attributes" }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.value(.id, or: "")
            attributes = try container.value(.attributes, or: [:])
        }
    }

    enum CodingKeys: String, CodingKey {
        case type = "Type", action = "Action", actor = "Actor", scope = "scope", time = "time"
        case timeNano = "timeNano"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.value(.type, or: "")
        action = try container.value(.action, or: "")
        actor = try container.decode(Actor.self, forKey: .actor)
        scope = try container.decodeIfPresent(String.self, forKey: .scope)
        time = try container.value(.time, or: 0)
        timeNano = try container.value(.timeNano, or: 0)
    }
}
