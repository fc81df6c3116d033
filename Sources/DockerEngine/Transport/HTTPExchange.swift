import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// One HTTP/1.1 request and response on a kept-alive connection. The request is written by a child task while
/// the response is read, so an engine that answers early (an error before it read a build context) is heard.
enum HTTPExchange {
    /// Sends `request` on `connection` and hands the response head and a body reader to `handle`. Once `handle`
    /// returns, the connection goes back to `pool` if the whole answer was read and the engine keeps it alive;
    /// otherwise (and on any failure or cancellation) it is closed. A broken connection is a ``ConnectionLost``.
    static func run<Result: Sendable>(
        _ request: EngineRequest, target: String, hostHeader: String, on connection: EngineConnection,
        pool: ConnectionPool, handle: (HTTPResponseHead, inout ResponseBodyReader) async throws -> Result
    ) async throws -> Result {
        let written = NIOLockedValueBox(false)
        do {
            return try await withTaskCancellationHandler {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        do {
                            try await write(request, target: target, hostHeader: hostHeader, to: connection.requests)
                            written.withLockedValue { $0 = true }
                        } catch {
                            // Stop the reader too: without the whole request the engine will never answer.
                            connection.close()
                            throw error
                        }
                    }
                    var reader = ResponseBodyReader(connection: connection)
                    do {
                        let head = try await reader.readHead()
                        pool.hasAnswered = true
                        let result = try await handle(head, &reader)
                        // The request is written by the time the whole answer came, unless the engine answered
                        // without reading it all: that connection cannot carry another request. Nor can one the
                        // engine switched to another protocol (hijacks and BuildKit's HTTP/2 never come here).
                        let reusable =
                            reader.isComplete && head.isKeepAlive && head.status != .switchingProtocols
                            && written.withLockedValue { $0 }
                        group.cancelAll()
                        if reusable { pool.release(connection) } else { connection.close() }
                        return result
                    } catch {
                        group.cancelAll()
                        connection.close()
                        // A failing request body (a build context that could not be packed) is why the response
                        // never came; a failed socket write only echoes the reader's error.
                        if case .failure(let failure as RequestBodyError)? = await group.nextResult() {
                            throw failure.underlying
                        }
                        throw error
                    }
                }
            } onCancel: {
                connection.close()
            }
        } catch let error as EngineError {
            throw error
        } catch let error as CancellationError {
            throw error
        } catch let lost as ConnectionLost {
            throw lost
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw ConnectionLost(underlying: error, answered: false)
        }
    }

    static func write(
        _ request: EngineRequest, target: String, hostHeader: String,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>
    ) async throws {
        try await outbound.write(.head(requestHead(request, target: target, hostHeader: hostHeader)))
        switch request.body {
        case .empty:
            break
        case .bytes(let bytes, _):
            if !bytes.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: bytes)))) }
        case .stream(let stream, _):
            var chunks = stream.makeStream().makeAsyncIterator()
            while true {
                let chunk: [UInt8]?
                do {
                    chunk = try await chunks.next()
                } catch {
                    throw RequestBodyError(underlying: error)
                }
                guard let chunk else { break }
                if !chunk.isEmpty { try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: chunk)))) }
            }
        }
        try await outbound.write(.end(nil))
    }

    static func requestHead(_ request: EngineRequest, target: String, hostHeader: String) -> HTTPRequestHead {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: hostHeader)
        headers.add(name: "User-Agent", value: "Pier")
        switch request.body {
        case .empty:
            if request.method == .post || request.method == .put { headers.add(name: "Content-Length", value: "0") }
        case .bytes(let bytes, let contentType):
            headers.add(name: "Content-Type", value: contentType)
            headers.add(name: "Content-Length", value: String(bytes.count))
        case .stream(_, let contentType):
            headers.add(name: "Content-Type", value: contentType)
            headers.add(name: "Transfer-Encoding", value: "chunked")
        }
        for (name, value) in request.headers { headers.replaceOrAdd(name: name, value: value) }
        return HTTPRequestHead(
            version: .http1_1, method: HTTPMethod(rawValue: request.method.rawValue), uri: target, headers: headers)
    }
}

/// The request body's own source failed.
struct RequestBodyError: Error {
    var underlying: any Error
}

/// The connection broke (closed, reset, cut) before the answer was complete: `answered` says whether the answer's
/// head had come. The transport decides from it whether the request can be sent again.
struct ConnectionLost: Error {
    var underlying: (any Error)?
    var answered: Bool
}

/// Reads a response part by part: the head, then body chunks until the end. A connection that breaks on the way
/// is a ``ConnectionLost``.
struct ResponseBodyReader {
    let connection: EngineConnection
    private var answered = false
    /// Whether the answer's end came: only then can the connection carry another request.
    private(set) var isComplete = false

    init(connection: EngineConnection) {
        self.connection = connection
    }

    mutating func readHead() async throws -> HTTPResponseHead {
        while let part = try await next() {
            if case .head(let head) = part {
                answered = true
                return head
            }
        }
        throw ConnectionLost(underlying: nil, answered: false)
    }

    /// The next body chunk, or `nil` at the end of the response.
    mutating func nextChunk() async throws -> ByteBuffer? {
        guard !isComplete else { return nil }
        while let part = try await next() {
            switch part {
            case .head: continue
            case .body(let buffer): return buffer
            case .end:
                isComplete = true
                return nil
            }
        }
        // Closed with the answer unfinished (the decoder ends even an answer delimited by closing with `.end`).
        throw ConnectionLost(underlying: nil, answered: true)
    }

    private func next() async throws -> HTTPClientResponsePart? {
        do {
            return try await connection.nextPart()
        } catch let error as CancellationError {
            throw error
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw ConnectionLost(underlying: error, answered: answered)
        }
    }

    mutating func collect() async throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let chunk = try await nextChunk() { bytes.append(contentsOf: chunk.readableBytesView) }
        return bytes
    }
}

extension HTTPResponseHead {
    var headerPairs: [(name: String, value: String)] { headers.map { ($0.name, $0.value) } }
}
