import NIOCore

/// gRPC's framing of messages on a stream: a compression flag byte, a 4-byte big-endian length, the message.
/// Pier never compresses, and refuses compressed messages (it does not offer any `grpc-accept-encoding`).
struct GRPCMessageReader {
    /// The largest message accepted: a file's data arrives in far smaller pieces.
    static let maximumLength = 16 << 20

    private var buffer = ByteBuffer()

    mutating func append(_ bytes: ByteBuffer) {
        var bytes = bytes
        buffer.writeBuffer(&bytes)
    }

    /// The next whole message, or nil until more bytes arrive.
    mutating func next() throws -> [UInt8]? {
        guard buffer.readableBytes >= 5,
            let compressed = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
            let length = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt32.self)
        else { return nil }
        guard compressed == 0 else {
            throw GRPCStatus(.internal, "a compressed gRPC message, which Pier never asked for")
        }
        guard length <= Self.maximumLength else {
            throw GRPCStatus(.internal, "a gRPC message of \(length) bytes, over Pier's limit of \(Self.maximumLength)")
        }
        guard buffer.readableBytes >= 5 + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: 5)
        let message = buffer.readBytes(length: Int(length)) ?? []
        buffer.discardReadBytes()
        return message
    }

    /// Whether bytes of an unfinished message are left.
    var hasPartialMessage: Bool { buffer.readableBytes > 0 }

    /// `message` framed for sending.
    static func frame(_ message: [UInt8]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(5 + message.count)
        buffer.writeInteger(UInt8(0))
        buffer.writeInteger(UInt32(message.count))
        buffer.writeBytes(message)
        return buffer
    }
}
