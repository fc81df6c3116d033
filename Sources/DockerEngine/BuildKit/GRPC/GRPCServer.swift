import NIOCore
import NIOHPACK
import NIOHTTP2
import SwiftProtobuf

/// One call the engine makes on a build session: its metadata, the messages it sends, and where answers go.
struct GRPCServerCall {
    let metadata: HPACKHeaders
    var requests: GRPCInbound
    let responses: GRPCOutbound

    /// The values of a metadata key (gRPC repeats a header for a list).
    func metadata(_ name: String) -> [String] {
        metadata[name]
    }

    /// The next request message, or nil when the engine closed its side.
    mutating func receive<Request: Message>(_ type: Request.Type) async throws -> Request? {
        guard let bytes = try await requests.next() else { return nil }
        return try Request(serializedBytes: bytes)
    }

    func send(_ response: some Message) async throws {
        try await responses.send(try response.serializedBytes())
    }
}

/// Serves gRPC methods on an HTTP/2 connection where the engine opens the streams (a build session): each call
/// runs its handler in its own task; the answer's trailers carry the handler's status.
struct GRPCServer: Sendable {
    typealias Handler = @Sendable (GRPCServerCall) async throws -> Void

    /// Handlers by method path (`/package.Service/Method`).
    let handlers: [String: Handler]

    /// Serves calls until the connection closes.
    func serve(_ connection: HTTP2Connection) async throws {
        try await withThrowingDiscardingTaskGroup { group in
            for try await stream in connection.multiplexer.inbound {
                group.addTask { await self.handle(stream) }
            }
        }
    }

    private func handle(_ stream: HTTP2StreamChannel) async {
        // A call the engine gave up on closes its stream: nothing is left to answer.
        try? await stream.executeThenClose { frames, _ in
            var inbound = GRPCInbound(frames)
            let outbound = GRPCOutbound(channel: stream.channel)
            try await inbound.readHeaders()
            let method = inbound.headers.first(name: ":path") ?? ""
            try await outbound.sendHeaders(HPACKHeaders([(":status", "200"), ("content-type", "application/grpc")]))
            var status = GRPCStatus(.ok, "")
            if let handler = handlers[method] {
                do {
                    try await handler(GRPCServerCall(metadata: inbound.headers, requests: inbound, responses: outbound))
                } catch let failure as GRPCStatus {
                    status = failure
                } catch {
                    status = GRPCStatus(.unknown, String(describing: error))
                }
            } else {
                status = GRPCStatus(.unimplemented, "Pier's build session has no method \(method)")
            }
            var trailers = HPACKHeaders([("grpc-status", "\(status.code.rawValue)")])
            if !status.message.isEmpty {
                trailers.add(name: "grpc-message", value: GRPCStatus.encodeMessage(status.message))
            }
            try await outbound.sendHeaders(trailers, endStream: true)
        }
    }
}
