extension EngineClient {
    /// `GET /distribution/{name}/json`: the digest of the manifest a registry serves for `reference` (`sha256:…`),
    /// asked through the engine, which knows the registry's address, TLS and mirrors. `registryAuth` is the
    /// base64url JSON of `X-Registry-Auth`.
    public func distributionDigest(_ reference: String, registryAuth: String? = nil) async throws -> String {
        var request = EngineRequest(.get, "/distribution/\(Self.segment(reference))/json")
        if let registryAuth { request.headers.append(("X-Registry-Auth", registryAuth)) }
        let answer = try await decode(JSONValue.self, from: request)
        guard let digest = answer["Descriptor"]?["digest"]?.stringValue else {
            throw EngineError.protocolError("the engine's distribution answer for \(reference) has no digest")
        }
        return digest
    }
}
