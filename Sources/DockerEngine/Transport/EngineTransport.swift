import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// HTTP/1.1 to the engine over NIO: whole responses, streamed responses and hijacked connections. Statuses of
/// 400 and above become an ``EngineError`` carrying the engine's message. Requests share a few kept-alive
/// connections (``ConnectionPool``); an idempotent one whose connection breaks is sent again, once, on a new
/// connection. Hijacked connections are the caller's own.
struct EngineTransport: Sendable {
    let connector: EngineConnector
    let pool: ConnectionPool

    var endpoint: EngineEndpoint { connector.endpoint }

    init(endpoint: EngineEndpoint) throws {
        connector = try EngineConnector(endpoint: endpoint)
        pool = ConnectionPool(connector: connector)
    }

    /// Sends `request` and reads the whole response.
    func send(_ request: EngineRequest, versionPrefix: String) async throws -> EngineResponse {
        let target = request.target(versionPrefix: versionPrefix)
        let response = try await retrying(request) { connection in
            try await HTTPExchange.run(
                request, target: target, hostHeader: endpoint.hostHeader, on: connection, pool: pool
            ) { head, reader in
                EngineResponse(
                    status: Int(head.status.code), headers: head.headerPairs, body: try await reader.collect())
            }
        }
        // Thrown once the exchange is over: a whole error answer (a 404) leaves its connection reusable.
        if response.status >= 400 { throw EngineError.fromResponse(status: response.status, body: response.body) }
        return response
    }

    /// Sends `request` and returns once the response head arrived; the body streams from a task that owns the
    /// connection and ends when the body ends or the consumer goes away.
    func stream(_ request: EngineRequest, versionPrefix: String) async throws -> EngineStreamingResponse {
        try await retrying(request) { connection in
            try await stream(request, versionPrefix: versionPrefix, on: connection)
        }
    }

    private func stream(
        _ request: EngineRequest, versionPrefix: String, on connection: EngineConnection
    ) async throws -> EngineStreamingResponse {
        let finished = NIOLockedValueBox(false)
        // A consumer gone before the end closes the connection; a finished one has already handed it back.
        let (body, source) = EngineByteStream.make(onTerminate: {
            if !finished.withLockedValue({ $0 }) { connection.close() }
        })
        // The task must not hold `body`: dropping an unread stream has to reach `onTerminate`.
        let head = try await cancellationAware {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    Task {
                        await pump(
                            request, versionPrefix: versionPrefix, on: connection, into: source, head: continuation,
                            finished: finished)
                    }
                }
            } onCancel: {
                connection.close()
            }
        }
        return EngineStreamingResponse(status: Int(head.status.code), headers: head.headerPairs, body: body)
    }

    /// Runs the exchange: resumes `head` with the response head (or the error), then feeds body chunks to
    /// `source` as the consumer asks for them.
    private func pump(
        _ request: EngineRequest, versionPrefix: String, on connection: EngineConnection, into source: ByteStreamSource,
        head: CheckedContinuation<HTTPResponseHead, any Error>, finished: NIOLockedValueBox<Bool>
    ) async {
        var writer = source.makeWriter()
        var waitingForHead: CheckedContinuation<HTTPResponseHead, any Error>? = head
        let target = request.target(versionPrefix: versionPrefix)
        do {
            let refusal = try await HTTPExchange.run(
                request, target: target, hostHeader: endpoint.hostHeader, on: connection, pool: pool
            ) { responseHead, reader -> EngineError? in
                let status = Int(responseHead.status.code)
                if status >= 400 {
                    // Read whole, the error answer leaves its connection reusable: the unread stream must not
                    // close it.
                    let refusal = EngineError.fromResponse(status: status, body: try await reader.collect())
                    finished.withLockedValue { $0 = true }
                    return refusal
                }
                waitingForHead?.resume(returning: responseHead)
                waitingForHead = nil
                while let chunk = try await reader.nextChunk() {
                    guard await writer.yield(Array(chunk.readableBytesView)) else { return nil }
                }
                finished.withLockedValue { $0 = true }
                return nil
            }
            if let refusal { throw refusal }
            writer.finish()
        } catch {
            // Before the head, the caller decides whether to send the request again; after it, the consumer
            // gets the failure.
            if let waitingForHead {
                waitingForHead.resume(throwing: error)
            } else {
                writer.finish(throwing: engineError(for: error, request: request))
            }
        }
    }

    /// Runs `exchange` on a pooled connection; when the connection breaks and sending the request again is safe,
    /// runs it once more on another. Failures become engine errors naming the endpoint.
    func retrying<Result>(
        _ request: EngineRequest, _ exchange: (EngineConnection) async throws -> Result
    ) async throws -> Result {
        var retried = false
        while true {
            let connection = try await sayingWhenGone { try await pool.connection() }
            do {
                return try await exchange(connection)
            } catch let lost as ConnectionLost {
                // Whether the engine acted on a request whose connection broke cannot be known: only one that
                // does the same when sent twice is sent again.
                guard !retried, request.isIdempotent, request.isReplayable, !Task.isCancelled else {
                    throw engineError(for: lost, request: request)
                }
                retried = true
            } catch {
                throw engineError(for: error, request: request)
            }
        }
    }

    /// Opens a connection of its own (a hijack, an HTTP/2 upgrade), which never goes to the pool.
    func connectOwn<Output: Sendable>(
        configure: @escaping @Sendable (Channel) throws -> Output
    ) async throws -> Output {
        try await sayingWhenGone { try await connector.connect(configure: configure) }
    }

    /// Runs `connect`: when the engine answered earlier in the command and now refuses, it went away.
    private func sayingWhenGone<Result>(_ connect: () async throws -> Result) async throws -> Result {
        do {
            return try await connect()
        } catch let error as EngineError where error.code == .unreachable && pool.hasAnswered {
            throw EngineError.wentAway(endpoint, reason: error.reason, underlying: error)
        }
    }

    /// The engine error for a failure of the transport: a broken connection is `.connectionLost`, naming the
    /// request when known.
    func engineError(for error: any Error, request: EngineRequest? = nil) -> any Error {
        switch error {
        case let error as EngineError: return error
        case let error as CancellationError: return error
        case let lost as ConnectionLost:
            if Task.isCancelled { return CancellationError() }
            let reason = lost.underlying.map { ": " + EngineConnector.reason(for: $0) } ?? ""
            if reason.contains("TLS failed") {
                return EngineError.unreachable(
                    endpoint, reason: String(reason.dropFirst(2)), underlying: lost.underlying)
            }
            let what = request.map { " \($0.method.rawValue) \($0.path)" } ?? ""
            let when = lost.answered ? "while it answered\(what)" : "before it answered\(what)"
            return EngineError(
                .connectionLost,
                message: "the connection to the engine at \(endpoint) broke \(when)\(reason)",
                underlying: lost.underlying)
        default:
            if Task.isCancelled { return CancellationError() }
            return EngineError.protocolError(
                "the connection to the engine at \(endpoint) failed: \(EngineConnector.reason(for: error))",
                underlying: error)
        }
    }

    /// Runs `body`; when the caller was cancelled, whatever error closing the connection caused becomes a
    /// `CancellationError`.
    func cancellationAware<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw error
        }
    }

    /// Runs `body`, turning NIO and TLS failures into engine errors that name the endpoint.
    func mappingFailures<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as EngineError {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch {
            if Task.isCancelled { throw CancellationError() }
            let reason = EngineConnector.reason(for: error)
            if reason.hasPrefix("TLS failed") {
                throw EngineError.unreachable(endpoint, reason: reason, underlying: error)
            }
            throw EngineError.protocolError(
                "the connection to the engine at \(endpoint) failed: \(reason)", underlying: error)
        }
    }
}
