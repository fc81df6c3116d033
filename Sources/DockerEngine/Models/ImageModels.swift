/// An entry of `GET /images/json`.
public struct ImageSummary: Sendable, Hashable, Decodable {
    public var id: String
    public var parentID: String
    public var repoTags: [String]
    public var repoDigests: [String]
    /// Creation time, in seconds since 1970.
    public var created: Int64
    public var size: Int64
    public var labels: [String: String]

    enum CodingKeys: String, CodingKey {
        case id = "Id", parentID = "ParentId", repoTags = "RepoTags", repoDigests = "RepoDigests"
        case created = "Created", size = "Size", labels = "Labels"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        parentID = try container.value(.parentID, or: "")
        repoTags = try container.value(.repoTags, or: [])
        repoDigests = try container.value(.repoDigests, or: [])
        created = try container.value(.created, or: 0)
        size = try container.value(.size, or: 0)
        labels = try container.value(.labels, or: [:])
    }
}

/// `GET /images/{name}/json`. The image's `Config` (env, cmd, healthcheck, exposed ports) is in ``config``.
public struct ImageInspection: Sendable, Hashable, Decodable {
    public var id: String
    public var repoTags: [String]
    public var repoDigests: [String]
    public var created: String
    public var os: String
    public var architecture: String
    public var size: Int64
    public var config: JSONValue
    /// The whole answer.
    public var raw: JSONValue

    /// The image's labels.
    public var labels: [String: String] {
        (config["Labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id", repoTags = "RepoTags", repoDigests = "RepoDigests", created = "Created", os = "Os"
        case architecture = "Architecture", size = "Size", config = "Config"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        repoTags = try container.value(.repoTags, or: [])
        repoDigests = try container.value(.repoDigests, or: [])
        created = try container.value(.created, or: "")
        os = try container.value(.os, or: "")
        architecture = try container.value(.architecture, or: "")
        size = try container.value(.size, or: 0)
        config = try container.value(.config, or: .null)
        raw = try JSONValue(from: decoder)
    }
}

/// One line of `DELETE /images/{name}`: a tag removed or a layer deleted.
public struct ImageDeletion: Sendable, Hashable, Decodable {
    public var untagged: String?
    public var deleted: String?

    enum CodingKeys: String, CodingKey { case untagged = "Untagged", deleted = "Deleted" }
}
