extension EngineClient {
    /// `GET /_ping`: whether the engine answers, and its API version. Not versioned, so it works before
    /// negotiation.
    public func ping() async throws -> PingResult {
        let response = try await transport.send(EngineRequest(.get, "/_ping", isVersioned: false), versionPrefix: "")
        return PingResult(
            apiVersion: response.header("API-Version"), osType: response.header("OSType"),
            isExperimental: response.header("Docker-Experimental") == "true",
            builderVersion: response.header("Builder-Version"))
    }

    /// `GET /version`.
    public func version() async throws -> EngineVersion {
        try await decode(EngineVersion.self, from: EngineRequest(.get, "/version"))
    }

    /// `GET /info`.
    public func info() async throws -> EngineInfo {
        try await decode(EngineInfo.self, from: EngineRequest(.get, "/info"))
    }
}
