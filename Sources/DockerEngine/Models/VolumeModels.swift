/// A volume, from `GET /volumes`, `GET /volumes/{name}` or `POST /volumes/create`.
public struct Volume: Sendable, Hashable, Decodable {
    public var name: String
    public var driver: String
    public var mountpoint: String
    /// `local` or `global`.
    public var scope: String
    public var labels: [String: String]
    public var options: [String: String]
    public var createdAt: String?

    enum CodingKeys: String, CodingKey {
        case name = "Name", driver = "Driver", mountpoint = "Mountpoint", scope = "Scope", labels = "Labels"
        case options = "Options", createdAt = "CreatedAt"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        driver = try container.value(.driver, or: "")
        mountpoint = try container.value(.mountpoint, or: "")
        scope = try container.value(.scope, or: "")
        labels = try container.value(.labels, or: [:])
        options = try container.value(.options, or: [:])
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt)
    }
}

/// The answer to `GET /volumes`.
public struct VolumeList: Sendable, Hashable, Decodable {
    public var volumes: [Volume]
    public var warnings: [String]

    enum CodingKeys: String, CodingKey { case volumes = "Volumes", warnings = "Warnings" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        volumes = try container.value(.volumes, or: [])
        warnings = try container.value(.warnings, or: [])
    }
}
