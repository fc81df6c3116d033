import NIOCore
import NIOHTTP1

/// HTTP/1.1 to the engine over NIO: whole responses, streamed responses and hijacked connections. Statuses of
/// 400 and above become an ``EngineError`` carrying the engine's message.
struct EngineTransport: Sendable {
    let connector: EngineConnector

    var endpoint: EngineEndpoint { connector.endpoint }

    init(endpoint: EngineEndpoint) throws {
        connector = try EngineConnector(endpoint: endpoint)
    }

    /// Sends `request` and reads the whole response.
    func send(_ request: EngineRequest, versionPrefix: String) async throws -> EngineResponse {
        let channel = try await connectHTTP()
        return try await mappingFailures {
            try await HTTPExchange.run(
                request, target: request.target(versionPrefix: versionPrefix), hostHeader: endpoint.hostHeader,
                on: channel
            ) { head, reader in
                let body = try await reader.collect()
                let status = Int(head.status.code)
                if status >= 400 { throw EngineError.fromResponse(status: status, body: body) }
                return EngineResponse(status: status, headers: head.headerPairs, body: body)
            }
        }
    }

    /// Sends `request` and returns once the response head arrived; the body streams from a task that owns the
    /// connection and ends when the body ends or the consumer goes away.
    func stream(_ request: EngineRequest, versionPrefix: String) async throws -> EngineStreamingResponse {
        let channel = try await connectHTTP()
        let rawChannel = channel.channel
        let (body, source) = EngineByteStream.make(onTerminate: { rawChannel.close(promise: nil) })
        // The task must not hold `body`: dropping an unread stream has to reach `onTerminate`.
        let head = try await cancellationAware {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    Task {
                        await pump(request, versionPrefix: versionPrefix, on: channel, into: source, head: continuation)
                    }
                }
            } onCancel: {
                rawChannel.close(promise: nil)
            }
        }
        return EngineStreamingResponse(status: Int(head.status.code), headers: head.headerPairs, body: body)
    }

    /// Runs the exchange: resumes `head` with the response head (or the error), then feeds body chunks to
    /// `source` as the consumer asks for them.
    private func pump(
        _ request: EngineRequest, versionPrefix: String, on channel: HTTPChannel, into source: ByteStreamSource,
        head: CheckedContinuation<HTTPResponseHead, any Error>
    ) async {
        var writer = source.makeWriter()
        var waitingForHead: CheckedContinuation<HTTPResponseHead, any Error>? = head
        let target = request.target(versionPrefix: versionPrefix)
        do {
            try await mappingFailures {
                try await HTTPExchange.run(request, target: target, hostHeader: endpoint.hostHeader, on: channel) {
                    responseHead, reader in
                    let status = Int(responseHead.status.code)
                    if status >= 400 {
                        throw EngineError.fromResponse(status: status, body: try await reader.collect())
                    }
                    waitingForHead?.resume(returning: responseHead)
                    waitingForHead = nil
                    while let chunk = try await reader.nextChunk() {
                        guard await writer.yield(Array(chunk.readableBytesView)) else { return }
                    }
                }
            }
            writer.finish()
        } catch {
            writer.finish(throwing: error)
            waitingForHead?.resume(throwing: error)
        }
    }

    func connectHTTP() async throws -> HTTPChannel {
        try await connector.connect { channel in
            try channel.pipeline.syncOperations.addHTTPClientHandlers()
            return try HTTPChannel(wrappingChannelSynchronously: channel)
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
