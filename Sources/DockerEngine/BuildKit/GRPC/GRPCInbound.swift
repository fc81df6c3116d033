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

/// Sends messages on one gRPC stream.
struct GRPCOutbound: Sendable {
    let frames: NIOAsyncChannelOutboundWriter<HTTP2Frame.FramePayload>

    func send(_ message: [UInt8], endStream: Bool = false) async throws {
        let data = HTTP2Frame.FramePayload.Data(
            data: .byteBuffer(GRPCMessageReader.frame(message)), endStream: endStream)
        try await frames.write(.data(data))
    }

    /// Sends several messages in one write.
    func send(_ messages: [[UInt8]]) async throws {
        try await frames.write(
            contentsOf: messages.map {
                .data(HTTP2Frame.FramePayload.Data(data: .byteBuffer(GRPCMessageReader.frame($0))))
            })
    }

    func sendHeaders(_ headers: HPACKHeaders, endStream: Bool = false) async throws {
        try await frames.write(.headers(HTTP2Frame.FramePayload.Headers(headers: headers, endStream: endStream)))
    }
}
