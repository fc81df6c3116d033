/// What `/_ping` says about the engine (from its headers).
public struct PingResult: Sendable, Hashable {
    /// The newest API version the engine speaks (`API-Version`).
    public var apiVersion: String?
    /// `linux` or `windows` (`OSType`).
    public var osType: String?
    public var isExperimental: Bool
    /// `1` for the classic builder, `2` for BuildKit (`Builder-Version`, API 1.40+).
    public var builderVersion: String?
}

/// `/version`: the engine's version and platform.
public struct EngineVersion: Sendable, Hashable, Decodable {
    public var version: String
    public var apiVersion: String
    public var minAPIVersion: String?
    public var os: String
    public var arch: String
    public var kernelVersion: String?
    /// Engine, containerd, runc… as the engine lists them.
    public var components: JSONValue?

    enum CodingKeys: String, CodingKey {
        case version = "Version", apiVersion = "ApiVersion", minAPIVersion = "MinAPIVersion", os = "Os"
        case arch = "Arch", kernelVersion = "KernelVersion", components = "Components"
    }
}

/// `/info`: the engine's configuration and counts. Fields Pier uses are typed; all of it is in ``raw``.
public struct EngineInfo: Sendable, Hashable, Decodable {
    public var id: String?
    public var name: String?
    public var serverVersion: String?
    public var operatingSystem: String?
    public var osType: String?
    public var architecture: String?
    public var cpuCount: Int?
    public var memoryTotal: Int64?
    public var containers: Int?
    public var containersRunning: Int?
    public var images: Int?
    public var storageDriver: String?
    public var cgroupVersion: String?
    /// The whole answer.
    public var raw: JSONValue

    enum CodingKeys: String, CodingKey {
        case id = "ID", name = "Name", serverVersion = "ServerVersion", operatingSystem = "OperatingSystem"
        case osType = "OSType", architecture = "Architecture", cpuCount = "NCPU", memoryTotal = "MemTotal"
        case containers = "Containers", containersRunning = "ContainersRunning", images = "Images"
        case storageDriver = "Driver", cgroupVersion = "CgroupVersion"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        serverVersion = try container.decodeIfPresent(String.self, forKey: .serverVersion)
        operatingSystem = try container.decodeIfPresent(String.self, forKey: .operatingSystem)
        osType = try container.decodeIfPresent(String.self, forKey: .osType)
        architecture = try container.decodeIfPresent(String.self, forKey: .architecture)
        cpuCount = try container.decodeIfPresent(Int.self, forKey: .cpuCount)
        memoryTotal = try container.decodeIfPresent(Int64.self, forKey: .memoryTotal)
        containers = try container.decodeIfPresent(Int.self, forKey: .containers)
        containersRunning = try container.decodeIfPresent(Int.self, forKey: .containersRunning)
        images = try container.decodeIfPresent(Int.self, forKey: .images)
        storageDriver = try container.decodeIfPresent(String.self, forKey: .storageDriver)
        cgroupVersion = try container.decodeIfPresent(String.self, forKey: .cgroupVersion)
        raw = try JSONValue(from: decoder)
    }
}
