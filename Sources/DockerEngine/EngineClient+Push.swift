extension EngineClient {
    /// `POST /images/{name}/push?tag=…`: pushes `reference` (`registry:5000/app:v1`; no tag means `latest`) to its
    /// registry. The stream reports each layer's progress and throws when the push fails (the engine reports a
    /// missing image or refused credentials inside a stream that already answered 200). `registryAuth` is the
    /// `X-Registry-Auth` value (``RegistryCredentials/header``); the engine needs one even when anonymous.
    public func pushImage(_ reference: String, registryAuth: String = RegistryCredentials.anonymousHeader)
        async throws -> ProgressStream
    {
        let (name, tag) = Self.splitReference(reference)
        var request = EngineRequest(.post, "/images/\(Self.segment(name))/push", query: [("tag", tag)])
        request.headers.append(("X-Registry-Auth", registryAuth))
        let response = try await stream(request)
        return ProgressStream(messages: JSONMessageSequence(base: response.body))
    }
}
