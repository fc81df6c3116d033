import Foundation
import Hummingbird
import NIOCore

/// Where a stream's producer sends its messages: each is one server-sent event (`event: NAME`, `data: JSON`).
struct EventSink: Sendable {
    fileprivate let continuation: AsyncStream<ByteBuffer>.Continuation

    /// Sends `value` as JSON under `event`.
    func send(_ event: String, _ value: some Encodable) {
        guard let data = try? Self.encoder.encode(value) else { return }
        continuation.yield(ByteBuffer(string: "event: \(event)\ndata: \(String(decoding: data, as: UTF8.self))\n\n"))
    }

    /// A comment line: keeps proxies from closing an idle stream, and finds a client that left.
    func heartbeat() {
        continuation.yield(ByteBuffer(string: ": ping\n\n"))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// A `text/event-stream` response whose events `produce` sends until the client goes away (which cancels it) or
/// it returns (which ends the stream). Messages wait in a bounded buffer: a client that does not read loses the
/// oldest, the server never grows.
enum EventStreamResponse {
    static let heartbeatInterval = Duration.seconds(15)

    static func make(request: Request, produce: @escaping @Sendable (EventSink) async -> Void) -> Response {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(4096))
        let sink = EventSink(continuation: continuation)
        let producer = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await produce(sink) }
                group.addTask {
                    while (try? await Task.sleep(for: heartbeatInterval)) != nil { sink.heartbeat() }
                }
                await group.next()
                group.cancelAll()
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in producer.cancel() }
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-store"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                if request.method == .get {
                    // A client that leaves ends the stream at once, not at the next write.
                    try await request.body.consumeWithInboundCloseHandler { _ in
                        for await buffer in stream { try await writer.write(buffer) }
                    } onInboundClosed: {
                        continuation.finish()
                    }
                } else {
                    for await buffer in stream { try await writer.write(buffer) }
                }
                try await writer.finish(nil)
            })
    }
}
