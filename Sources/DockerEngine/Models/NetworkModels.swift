/// A network, from `GET /networks` or `GET /networks/{id}`.
public struct Network: Sendable, Hashable, Decodable {
    public var id: String
    public var name: String
    /// `local`, `global` or `swarm`.
    public var scope: String
    public var driver: String
    public var isInternal: Bool
    public var isAttachable: Bool
    public var enablesIPv6: Bool
    public var labels: [String: String]
    public var options: [String: String]
    /// Address management: driver and pools.
    public var ipam: JSONValue
    /// Attached containers by id (filled by inspect, not by list).
    public var containers: JSONValue

    enum CodingKeys: String, CodingKey {
        case id = "Id", name = "Name", scope = "Scope", driver = "Driver", isInternal = "Internal"
        case isAttachable = "Attachable", enablesIPv6 = "EnableIPv6", labels = "Labels", options = "Options"
        case ipam = "IPAM", containers = "Containers"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.value(.name, or: "")
        scope = try container.value(.scope, or: "")
        driver = try container.value(.driver, or: "")
        isInternal = try container.value(.isInternal, or: false)
        isAttachable = try container.value(.isAttachable, or: false)
        enablesIPv6 = try container.value(.enablesIPv6, or: false)
        labels = try container.value(.labels, or: [:])
        options = try container.value(.options, or: [:])
        ipam = try container.value(.ipam, or: .null)
        containers = try container.value(.containers, or: .null)
    }
}

/// The answer to `POST /networks/create`.
public struct NetworkCreated: Sendable, Hashable, Decodable {
    public var id: String
    public var warning: String?

    enum CodingKeys: String, CodingKey { case id = "Id", warning = "Warning" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        warning = try container.decodeIfPresent(String.self, forKey: .warning).flatMap { $0.isEmpty ? nil : $0 }
    }
}
