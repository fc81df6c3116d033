/// A build for the BuildKit inside the engine: the frontend that reads the Dockerfile and its options, where the
/// result goes, caches, and the entitlements it needs. ``EngineClient/build(_:providers:sharedKey:onProgress:)``
/// runs it with a session serving the files, credentials, secrets and SSH agents it asks for.
public struct BuildKitBuild: Sendable, Hashable {
    /// `dockerfile.v0`: the engine's own Dockerfile frontend.
    public var frontend: String
    /// The frontend's options: `filename`, `target`, `build-arg:NAME`, `label:NAME`, `context:NAME`, `platform`…
    public var frontendAttributes: [String: String]
    /// The exporter: `moby` (the engine's image store) with `name` (the tags), or `local`/`tar`…
    public var exporter: String
    public var exporterAttributes: [String: String]
    public var cacheImports: [CacheEntry]
    public var cacheExports: [CacheEntry]
    /// `security.insecure` (privileged builds), `network.host`.
    public var entitlements: [String]

    /// A cache source or destination: a type (`registry`, `local`, `inline`, `gha`…) and its attributes.
    public struct CacheEntry: Sendable, Hashable {
        public var type: String
        public var attributes: [String: String]

        public init(type: String, attributes: [String: String] = [:]) {
            self.type = type
            self.attributes = attributes
        }
    }

    public init(
        frontend: String = "dockerfile.v0", frontendAttributes: [String: String] = [:], exporter: String = "moby",
        exporterAttributes: [String: String] = [:], cacheImports: [CacheEntry] = [], cacheExports: [CacheEntry] = [],
        entitlements: [String] = []
    ) {
        self.frontend = frontend
        self.frontendAttributes = frontendAttributes
        self.exporter = exporter
        self.exporterAttributes = exporterAttributes
        self.cacheImports = cacheImports
        self.cacheExports = cacheExports
        self.entitlements = entitlements
    }

    /// The control API's request for this build, in session `session`, known as `ref`.
    func request(ref: String, session: String) -> BuildKitSolveRequest {
        var request = BuildKitSolveRequest()
        request.ref = ref
        request.session = session
        request.frontend = frontend
        request.frontendAttrs = frontendAttributes
        // Both forms: BuildKit before 0.13 (Engine 20.10) reads the first, later ones the second.
        request.exporterDeprecated = exporter
        request.exporterAttrsDeprecated = exporterAttributes
        var export = BuildKitExporter()
        export.type = exporter
        export.attrs = exporterAttributes
        request.exporters = [export]
        request.entitlements = entitlements
        func entries(_ entries: [CacheEntry]) -> [BuildKitCacheOptionsEntry] {
            entries.map { entry in
                var option = BuildKitCacheOptionsEntry()
                option.type = entry.type
                option.attrs = entry.attributes
                return option
            }
        }
        request.cache.imports = entries(cacheImports)
        request.cache.exports = entries(cacheExports)
        return request
    }
}
