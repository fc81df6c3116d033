extension EngineClient {
    /// `GET /distribution/{name}/json`: asks the registry, through the engine, for the manifest `reference` names,
    /// without pulling anything. Answers the descriptor's digest; throws (`.notFound`, or the engine's error when
    /// the registry cannot be reached) when the image cannot be pulled. `registryAuth` is the `X-Registry-Auth`.
    public func inspectDistribution(_ reference: String, registryAuth: String? = nil) async throws -> String {
        var request = EngineRequest(.get, "/distribution/\(Self.segment(reference))/json")
        if let registryAuth { request.headers.append(("X-Registry-Auth", registryAuth)) }
        let answer = try await decode(JSONValue.self, from: request)
        return answer["Descriptor"]?["digest"]?.stringValue ?? ""
    }
}
