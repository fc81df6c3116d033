import NIOCore
import NIOHPACK
import NIOHTTP2

/// The messages arriving on one gRPC stream, read from its HTTP/2 frames: headers first, then framed messages,
/// then (for a call Pier made) trailers carrying the call's status.
struct GRPCInbound {
    private var frames: NIOAsyncChannelInboundStream<HTTP2Frame.FramePayload>.AsyncIterator
    private var reader = GRPCMessageReader()
    /// The peer's headers (and trailers) so far.
    private(set) var headers = HPACKHeaders()
    /// The status in the trailers, once they arrived.
    private(set) var status: GRPCStatus?
    private(set) var ended = false

    init(_ frames: NIOAsyncChannelInboundStream<HTTP2Frame.FramePayload>) {
        self.frames = frames.makeAsyncIterator()
    }

    /// Reads up to the first headers: a call's method and metadata, or an answer's status.
    mutating func readHeaders() async throws {
        while headers.isEmpty, !ended, try await readFrame() {}
    }

    /// The next message, or nil once the peer ended the stream.
    mutating func next() async throws -> [UInt8]? {
        while true {
            if let message = try reader.next() { return message }
            if ended {
                if reader.hasPartialMessage { throw GRPCStatus(.internal, "the stream ended inside a gRPC message") }
                return nil
            }
            guard try await readFrame() else { return nil }
        }
    }

    /// Reads one frame; false once the stream has no more.
    private mutating func readFrame() async throws -> Bool {
        guard let frame = try await frames.next() else {
            ended = true
            return false
        }
        switch frame {
        case .headers(let received):
            for (name, value, _) in received.headers { headers.add(name: name, value: value) }
            if let code = received.headers.first(name: "grpc-status").flatMap(Int.init) {
                let message = received.headers.first(name: "grpc-message").map(GRPCStatus.decodeMessage) ?? ""
                status = GRPCStatus(GRPCStatus.Code(rawValue: code), message)
            }
            if received.endStream { ended = true }
        case .data(let data):
            if case .byteBuffer(let buffer) = data.data { reader.append(buffer) }
            if data.endStream { ended = true }
        case .rstStream(let code):
            ended = true
            if code != .noError { throw GRPCStatus(.cancelled, "the engine reset the stream (\(code))") }
        default:
            break
        }
        return true
    }
}

/// Sends messages on one gRPC stream, each write awaited until it has left for the socket: a sender never gets
/// far ahead of the connection, so the frames of other calls on it (the engine's health checks of a session)
/// are not held up behind a backlog of one call's data.
struct GRPCOutbound: Sendable {
    let channel: any Channel

    func send(_ message: [UInt8], endStream: Bool = false) async throws {
        let data = HTTP2Frame.FramePayload.Data(
            data: .byteBuffer(GRPCMessageReader.frame(message)), endStream: endStream)
        try await channel.writeAndFlush(HTTP2Frame.FramePayload.data(data)).get()
    }

    /// Sends several messages, flushed and awaited together.
    func send(_ messages: [[UInt8]]) async throws {
        guard let last = messages.last else { return }
        for message in messages.dropLast() {
            let data = HTTP2Frame.FramePayload.Data(data: .byteBuffer(GRPCMessageReader.frame(message)))
            channel.write(HTTP2Frame.FramePayload.data(data), promise: nil)
        }
        try await send(last)
    }

    func sendHeaders(_ headers: HPACKHeaders, endStream: Bool = false) async throws {
        let frame = HTTP2Frame.FramePayload.headers(.init(headers: headers, endStream: endStream))
        try await channel.writeAndFlush(frame).get()
    }

    /// Ends the stream at once (a reset): the peer stops too.
    func reset() {
        channel.close(promise: nil)
    }
}
