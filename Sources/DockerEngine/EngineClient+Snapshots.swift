/// A container's file system as an image or a tar archive: `POST /commit`, `GET /containers/{id}/export`.
extension EngineClient {
    /// What `POST /commit` records besides the container's files.
    public struct CommitOptions: Sendable, Hashable {
        /// `repository[:tag]` to name the image; untagged when nil.
        public var reference: String?
        public var comment: String?
        public var author: String?
        /// Pause the container while committing (the engine's default).
        public var pause = true
        /// Dockerfile instructions applied to the image (`ENV A=1`, `CMD …`).
        public var changes: [String] = []

        public init() {}
    }

    /// `POST /commit`: a new image from `containerID`'s changes; returns its ID (`sha256:…`).
    public func commitContainer(_ containerID: String, options: CommitOptions) async throws -> String {
        var query = QueryBuilder()
        query.add("container", containerID)
        if let reference = options.reference {
            let (repository, tag) = Self.splitReference(reference)
            query.add("repo", repository)
            query.add("tag", tag)
        }
        query.add("comment", options.comment)
        query.add("author", options.author)
        query.add("pause", options.pause, omitFalse: false)
        for change in options.changes { query.add("changes", change) }
        let answer = try await decode(JSONValue.self, from: EngineRequest(.post, "/commit", query: query.items))
        return answer["Id"]?.stringValue ?? ""
    }

    /// `GET /containers/{id}/export`: the container's file system as a tar stream.
    public func exportContainer(_ containerID: String) async throws -> EngineByteStream {
        try await stream(EngineRequest(.get, "/containers/\(Self.segment(containerID))/export")).body
    }
}
