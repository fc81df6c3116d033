/// Which streams `attach` connects.
public struct AttachOptions: Sendable, Hashable {
    public var stdin: Bool
    public var stdout: Bool
    public var stderr: Bool
    /// Replay the output so far before the live stream.
    public var logs: Bool
    /// Stream live output (otherwise only `logs` is sent).
    public var stream: Bool
    /// Keys that detach, e.g. `ctrl-p,ctrl-q`.
    public var detachKeys: String?

    public init(
        stdin: Bool = false, stdout: Bool = true, stderr: Bool = true, logs: Bool = false, stream: Bool = true,
        detachKeys: String? = nil
    ) {
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.logs = logs
        self.stream = stream
        self.detachKeys = detachKeys
    }
}

extension EngineClient {
    /// `POST /containers/{id}/attach`: hijacks the connection and runs `body` with the container's output and
    /// stdin. `isTTY` must match the container's setting (it decides whether output is multiplexed).
    public func attachContainer<Result: Sendable>(
        _ id: String, options: AttachOptions = AttachOptions(), isTTY: Bool,
        body: (HijackedConnection) async throws -> Result
    ) async throws -> Result {
        var query = QueryBuilder()
        query.add("stdin", options.stdin)
        query.add("stdout", options.stdout)
        query.add("stderr", options.stderr)
        query.add("logs", options.logs)
        query.add("stream", options.stream)
        query.add("detachKeys", options.detachKeys)
        let request = EngineRequest(.post, "/containers/\(Self.segment(id))/attach", query: query.items)
        return try await hijack(request, isTTY: isTTY, body: body)
    }

    /// `POST /containers/{id}/resize`: the TTY size of a container with a TTY.
    public func resizeContainer(_ id: String, height: Int, width: Int) async throws {
        let query = [("h", String(height)), ("w", String(width))]
        _ = try await send(EngineRequest(.post, "/containers/\(Self.segment(id))/resize", query: query))
    }
}
