import NIOCore
import NIOHTTP1

typealias HTTPChannel = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

/// One HTTP/1.1 request and response on a fresh connection. The request is written by a child task while the
/// response is read, so an engine that answers early (an error before it read a build context) is heard.
enum HTTPExchange {
    /// Sends `request` and hands the response head and a body reader to `handle`; the connection is closed when
    /// `handle` returns or throws.
    static func run<Result: Sendable>(
        _ request: EngineRequest, target: String, hostHeader: String, on channel: HTTPChannel,
        handle: (HTTPResponseHead, inout ResponseBodyReader) async throws -> Result
    ) async throws -> Result {
        let rawChannel = channel.channel
        return try await channel.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        try await write(request, target: target, hostHeader: hostHeader, to: outbound)
                    } catch {
                        // Stop the reader too: without the whole request the engine will never answer.
                        rawChannel.close(promise: nil)
                        throw error
                    }
                }
                var reader = ResponseBodyReader(iterator: inbound.makeAsyncIterator())
                do {
                    let head = try await reader.readHead()
                    let result = try await handle(head, &reader)
                    group.cancelAll()
                    return result
                } catch {
                    group.cancelAll()
                    // A failing request body (a build context that could not be packed) is why the response
                    // never came; a failed socket write only echoes the reader's error.
                    if case .failure(let failure as RequestBodyError)? = await group.nextResult() {
                        throw failure.underlying
                    }
                    throw error
                }
            }
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

/// Reads a response part by part: the head, then body chunks until the end.
struct ResponseBodyReader {
    var iterator: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    private var ended = false

    init(iterator: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator) {
        self.iterator = iterator
    }

    mutating func readHead() async throws -> HTTPResponseHead {
        while let part = try await iterator.next() {
            if case .head(let head) = part { return head }
        }
        throw EngineError.protocolError("the engine closed the connection without answering")
    }

    /// The next body chunk, or `nil` at the end of the response.
    mutating func nextChunk() async throws -> ByteBuffer? {
        guard !ended else { return nil }
        while let part = try await iterator.next() {
            switch part {
            case .head: continue
            case .body(let buffer): return buffer
            case .end:
                ended = true
                return nil
            }
        }
        // The engine closed the connection: for a response delimited by closing, that is its end.
        ended = true
        return nil
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
