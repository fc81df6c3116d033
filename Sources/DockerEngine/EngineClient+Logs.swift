/// What `logs` returns: which streams, from when, and whether to follow.
public struct LogsOptions: Sendable, Hashable {
    public var stdout: Bool
    public var stderr: Bool
    /// Keep the stream open and send new output as it comes.
    public var follow: Bool
    /// The number of lines from the end (`"all"` when `nil`).
    public var tail: Int?
    /// Only output since / until this time: a Unix timestamp (`1700000000.5`) or RFC 3339 date.
    public var since: String?
    public var until: String?
    /// Prefix each line with its RFC 3339 timestamp.
    public var timestamps: Bool
    /// Whether the container has a TTY (raw output rather than frames); looked up when `nil`.
    public var isTTY: Bool?

    public init(
        stdout: Bool = true, stderr: Bool = true, follow: Bool = false, tail: Int? = nil, since: String? = nil,
        until: String? = nil, timestamps: Bool = false, isTTY: Bool? = nil
    ) {
        self.stdout = stdout
        self.stderr = stderr
        self.follow = follow
        self.tail = tail
        self.since = since
        self.until = until
        self.timestamps = timestamps
        self.isTTY = isTTY
    }
}

/// A container's output as frames; break out of the loop or cancel the task to close the connection.
public typealias LogStream = OutputFrameSequence<EngineByteStream>

extension EngineClient {
    /// `GET /containers/{id}/logs`, decoded into stdout and stderr frames. API 1.41 does not say in the response
    /// whether the output is multiplexed, so the container's TTY setting is looked up unless `options` gives it.
    public func containerLogs(_ id: String, options: LogsOptions = LogsOptions()) async throws -> LogStream {
        let isTTY: Bool
        if let known = options.isTTY {
            isTTY = known
        } else {
            isTTY = try await inspectContainer(id).config.isTTY
        }
        var query = QueryBuilder()
        query.add("stdout", options.stdout)
        query.add("stderr", options.stderr)
        query.add("follow", options.follow)
        query.add("tail", options.tail.map(String.init) ?? "all")
        query.add("since", options.since)
        query.add("until", options.until)
        query.add("timestamps", options.timestamps)
        let response = try await stream(EngineRequest(.get, "/containers/\(Self.segment(id))/logs", query: query.items))
        return LogStream(
            base: response.body, mode: Self.streamMode(contentType: response.header("Content-Type"), isTTY: isTTY))
    }

    /// API 1.42+ engines name the format in `Content-Type`; older ones always say raw-stream.
    static func streamMode(contentType: String?, isTTY: Bool) -> MultiplexedStreamDecoder.Mode {
        if contentType?.contains("application/vnd.docker.multiplexed-stream") == true { return .multiplexed }
        return isTTY ? .raw : .multiplexed
    }
}
