extension EngineClient {
    /// `GET /images/json`.
    public func listImages(all: Bool = false, filters: EngineFilters = [:]) async throws -> [ImageSummary] {
        var query = QueryBuilder()
        query.add("all", all)
        query.add("filters", filters)
        return try await decode([ImageSummary].self, from: EngineRequest(.get, "/images/json", query: query.items))
    }

    /// `GET /images/{name}/json`.
    public func inspectImage(_ reference: String) async throws -> ImageInspection {
        try await decode(ImageInspection.self, from: EngineRequest(.get, "/images/\(Self.segment(reference))/json"))
    }

    /// `DELETE /images/{name}`: untags, and deletes layers no other image uses.
    @discardableResult
    public func removeImage(_ reference: String, force: Bool = false, noPrune: Bool = false) async throws
        -> [ImageDeletion]
    {
        var query = QueryBuilder()
        query.add("force", force)
        query.add("noprune", noPrune)
        return try await decode(
            [ImageDeletion].self, from: EngineRequest(.delete, "/images/\(Self.segment(reference))", query: query.items)
        )
    }

    /// `POST /images/{name}/tag`: adds `repository:tag` to an image.
    public func tagImage(_ reference: String, repository: String, tag: String = "latest") async throws {
        let query = [("repo", repository), ("tag", tag)]
        _ = try await send(EngineRequest(.post, "/images/\(Self.segment(reference))/tag", query: query))
    }

    /// `POST /images/create?fromImage=…&tag=…`: pulls `reference` (`busybox`, `busybox:1.36`,
    /// `registry:5000/app@sha256:…`; no tag means `latest`, never all tags). The stream reports progress and
    /// throws when the pull fails midway; an image the registry does not have fails before it, as `.notFound`.
    /// `registryAuth` is the base64url JSON of `X-Registry-Auth`.
    public func pullImage(_ reference: String, platform: String? = nil, registryAuth: String? = nil) async throws
        -> ProgressStream
    {
        let (name, tag) = Self.splitReference(reference)
        var query = QueryBuilder()
        query.add("fromImage", name)
        query.add("tag", tag)
        query.add("platform", platform)
        var request = EngineRequest(.post, "/images/create", query: query.items)
        if let registryAuth { request.headers.append(("X-Registry-Auth", registryAuth)) }
        let response = try await stream(request)
        return ProgressStream(messages: JSONMessageSequence(base: response.body))
    }

    /// Splits `name[:tag][@digest]` into the name and the tag or digest the pull endpoint takes separately.
    static func splitReference(_ reference: String) -> (name: String, tag: String) {
        if let at = reference.firstIndex(of: "@") {
            return (String(reference[..<at]), String(reference[reference.index(after: at)...]))
        }
        // A colon after the last slash is a tag; one before it belongs to a registry host:port.
        let lastSlash = reference.lastIndex(of: "/")
        if let colon = reference.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
        }
        return (reference, "latest")
    }
}
