import Foundation

/// Parameters of `POST /build` (the classic builder).
public struct BuildOptions: Sendable, Hashable {
    /// `name:tag` references to give the image.
    public var tags: [String]
    /// The Dockerfile's path inside the context (`Dockerfile` when `nil`).
    public var dockerfile: String?
    /// The stage to build in a multi-stage Dockerfile.
    public var target: String?
    /// `ARG` values; `nil` passes the variable without a value.
    public var buildArguments: [String: String?]
    public var labels: [String: String]
    public var noCache: Bool
    /// Always pull a newer base image.
    public var pull: Bool
    /// Remove intermediate containers after a successful build (the engine's default).
    public var removesIntermediateContainers: Bool
    public var forceRemovesIntermediateContainers: Bool
    public var platform: String?
    public var networkMode: String?
    /// `host:ip` entries for the build containers' /etc/hosts.
    public var extraHosts: [String]
    public var cacheFrom: [String]
    public var shmSize: Int64?
    /// Memory limit of the build containers, in bytes.
    public var memory: Int64?
    /// `ulimit` settings of the build containers: name, soft and hard limit.
    public var ulimits: [BuildUlimit]
    /// The build containers' isolation technology (`default`, `process`, `hyperv`).
    public var isolation: String?
    /// Registry credentials for base images (`X-Registry-Config`): `{"registry": {"username": …}}`.
    public var registryConfig: JSONValue?

    public init(
        tags: [String] = [], dockerfile: String? = nil, target: String? = nil,
        buildArguments: [String: String?] = [:], labels: [String: String] = [:], noCache: Bool = false,
        pull: Bool = false, removesIntermediateContainers: Bool = true,
        forceRemovesIntermediateContainers: Bool = false, platform: String? = nil, networkMode: String? = nil,
        extraHosts: [String] = [], cacheFrom: [String] = [], shmSize: Int64? = nil, memory: Int64? = nil,
        ulimits: [BuildUlimit] = [], isolation: String? = nil, registryConfig: JSONValue? = nil
    ) {
        self.tags = tags
        self.dockerfile = dockerfile
        self.target = target
        self.buildArguments = buildArguments
        self.labels = labels
        self.noCache = noCache
        self.pull = pull
        self.removesIntermediateContainers = removesIntermediateContainers
        self.forceRemovesIntermediateContainers = forceRemovesIntermediateContainers
        self.platform = platform
        self.networkMode = networkMode
        self.extraHosts = extraHosts
        self.cacheFrom = cacheFrom
        self.shmSize = shmSize
        self.memory = memory
        self.ulimits = ulimits
        self.isolation = isolation
        self.registryConfig = registryConfig
    }

    /// The query of `POST /build` for these options.
    public var queryItems: [(name: String, value: String)] {
        var query = QueryBuilder()
        for tag in tags { query.add("t", tag) }
        query.add("dockerfile", dockerfile)
        query.add("target", target)
        if !buildArguments.isEmpty {
            query.add("buildargs", Self.json(.object(buildArguments.mapValues { $0.map(JSONValue.string) ?? .null })))
        }
        if !labels.isEmpty { query.add("labels", Self.json(.object(labels.mapValues(JSONValue.string)))) }
        query.add("nocache", noCache)
        query.add("pull", pull)
        query.add("rm", removesIntermediateContainers, omitFalse: false)
        query.add("forcerm", forceRemovesIntermediateContainers)
        query.add("platform", platform)
        query.add("networkmode", networkMode)
        if !extraHosts.isEmpty { query.add("extrahosts", extraHosts.joined(separator: ",")) }
        if !cacheFrom.isEmpty { query.add("cachefrom", Self.json(.array(cacheFrom.map(JSONValue.string)))) }
        query.add("shmsize", shmSize.map { String($0) })
        query.add("memory", memory.map { String($0) })
        if !ulimits.isEmpty {
            let values = ulimits.map { limit in
                JSONValue.object([
                    "Name": .string(limit.name), "Soft": .integer(limit.soft), "Hard": .integer(limit.hard),
                ])
            }
            query.add("ulimits", Self.json(.array(values)))
        }
        query.add("isolation", isolation)
        return query.items
    }

    static func json(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// One `ulimit` of a build's containers.
public struct BuildUlimit: Sendable, Hashable {
    public var name: String
    public var soft: Int64
    public var hard: Int64

    public init(name: String, soft: Int64, hard: Int64) {
        self.name = name
        self.soft = soft
        self.hard = hard
    }
}

extension EngineClient {
    /// `POST /build`: sends `context` (a tar archive, possibly compressed) and streams the build output; a failed
    /// step is thrown by the stream. The built image's id is in a message's `aux["ID"]`.
    public func buildImage(context: EngineBodyStream, options: BuildOptions = BuildOptions()) async throws
        -> ProgressStream
    {
        var request = EngineRequest(
            .post, "/build", query: options.queryItems, body: .stream(context, contentType: "application/x-tar"))
        if let registryConfig = options.registryConfig {
            let data = Data(BuildOptions.json(registryConfig).utf8)
            // The engine decodes it as base64url, like `X-Registry-Auth`.
            request.headers.append(("X-Registry-Config", RegistryCredentials.base64URL(data)))
        }
        let response = try await stream(request)
        return ProgressStream(messages: JSONMessageSequence(base: response.body))
    }
}
