extension EngineClient {
    /// `POST /containers/{id}/exec`: prepares a process to run in a running container; returns the exec id.
    public func createExec(in containerID: String, configuration: ExecConfiguration) async throws -> String {
        let request = try EngineRequest.json(
            .post, "/containers/\(Self.segment(containerID))/exec", body: configuration.json)
        let created = try await decode(JSONValue.self, from: request)
        guard let id = created["Id"]?.stringValue else {
            throw EngineError.protocolError("the engine created an exec instance without an id")
        }
        return id
    }

    /// `POST /exec/{id}/start` detached: the process runs in the background; poll ``inspectExec(_:)`` for its end.
    public func startExecDetached(_ id: String, isTTY: Bool = false) async throws {
        let request = try EngineRequest.json(
            .post, "/exec/\(Self.segment(id))/start", body: ["Detach": true, "Tty": .bool(isTTY)])
        _ = try await send(request)
    }

    /// `POST /exec/{id}/start` attached: hijacks the connection and runs `body` with the process's output and
    /// stdin (which needs `attachesStdin` at create). The connection closes when `body` returns; the output ends
    /// when the process exits. `isTTY` must match the exec's configuration, as it decides the output format.
    ///
    /// ```swift
    /// try await engine.startExec(id) { connection in
    ///     try await connection.write("hello\n")
    ///     connection.closeInput()
    ///     for try await frame in connection.frames { print(frame.source, frame.text) }
    /// }
    /// ```
    public func startExec<Result: Sendable>(
        _ id: String, isTTY: Bool = false, body: (HijackedConnection) async throws -> Result
    ) async throws -> Result {
        let request = try EngineRequest.json(
            .post, "/exec/\(Self.segment(id))/start", body: ["Detach": false, "Tty": .bool(isTTY)])
        return try await hijack(request, isTTY: isTTY, body: body)
    }

    /// `GET /exec/{id}/json`: whether the process runs, and its exit code once it ended.
    public func inspectExec(_ id: String) async throws -> ExecInspection {
        try await decode(ExecInspection.self, from: EngineRequest(.get, "/exec/\(Self.segment(id))/json"))
    }

    /// `POST /exec/{id}/resize`: the TTY size of a running exec with a TTY.
    public func resizeExec(_ id: String, height: Int, width: Int) async throws {
        let query = [("h", String(height)), ("w", String(width))]
        _ = try await send(EngineRequest(.post, "/exec/\(Self.segment(id))/resize", query: query))
    }
}
