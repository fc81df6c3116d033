import NIOCore
import NIOHPACK
import NIOHTTP2
import SwiftProtobuf

/// Calls on a gRPC service over an HTTP/2 connection Pier opened (BuildKit's control API): one stream a call.
struct GRPCClient: Sendable {
    let connection: HTTP2Connection

    /// Calls `method` (`/package.Service/Method`) with one request and hands each response message to
    /// `onMessage`: once for a unary call, for each update of a server stream. Throws the call's status when it
    /// is not OK; cancelling the task resets the stream, which cancels the call on the engine.
    func call<Request: Message, Response: Message>(
        _ method: String, _ request: Request, metadata: [(String, String)] = [],
        onMessage: (Response) async throws -> Void
    ) async throws {
        let stream = try await connection.multiplexer.openStream { channel in
            channel.eventLoop.makeCompletedFuture { try HTTP2StreamChannel(wrappingChannelSynchronously: channel) }
        }
        let bytes: [UInt8] = try request.serializedBytes()
        try await stream.executeThenClose { frames, _ in
            let outbound = GRPCOutbound(channel: stream.channel)
            var headers = HPACKHeaders([
                (":method", "POST"), (":scheme", "http"), (":path", method), (":authority", "localhost"),
                ("content-type", "application/grpc"), ("te", "trailers"), ("user-agent", "Pier"),
            ])
            for (name, value) in metadata { headers.add(name: name, value: value) }
            try await outbound.sendHeaders(headers)
            try await outbound.send(bytes, endStream: true)
            var inbound = GRPCInbound(frames)
            while let message = try await inbound.next() {
                try await onMessage(try Response(serializedBytes: message))
            }
            if let status = inbound.status {
                if status.code != .ok { throw status }
            } else {
                let httpStatus = inbound.headers.first(name: ":status") ?? "none"
                throw GRPCStatus(
                    .unavailable, "the engine ended \(method) without a status (HTTP status \(httpStatus))")
            }
        }
    }

    /// A unary call's response.
    func call<Request: Message, Response: Message>(
        _ method: String, _ request: Request, returning: Response.Type, metadata: [(String, String)] = []
    ) async throws -> Response {
        var response: Response?
        try await call(method, request, metadata: metadata) { (message: Response) in response = message }
        guard let response else { throw GRPCStatus(.internal, "the engine answered \(method) with no message") }
        return response
    }
}
