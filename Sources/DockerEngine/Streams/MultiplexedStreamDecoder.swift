/// Decodes container output: the multiplexed format the engine uses when the container has no TTY (each frame is
/// an 8-byte header — stream type, three zero bytes, big-endian UInt32 payload length — then the payload), or raw
/// bytes when it has one. Frames and headers may be split across chunks at any byte.
public struct MultiplexedStreamDecoder: Sendable {
    /// How the engine frames the stream: `multiplexed` without a TTY, `raw` with one (all of it is stdout).
    public enum Mode: Sendable, Hashable {
        case multiplexed
        case raw
    }

    public let mode: Mode
    private var pending: [UInt8] = []
    private var consumed = 0

    public init(mode: Mode) {
        self.mode = mode
    }

    /// Feeds `bytes` and returns the frames they complete.
    public mutating func append(_ bytes: some Collection<UInt8>) throws -> [OutputFrame] {
        guard mode == .multiplexed else {
            return bytes.isEmpty ? [] : [OutputFrame(source: .stdout, bytes: Array(bytes))]
        }
        pending.append(contentsOf: bytes)
        var frames: [OutputFrame] = []
        while pending.count - consumed >= 8 {
            let header = consumed
            guard let source = OutputFrame.Source(rawValue: pending[header]),
                pending[header + 1] == 0, pending[header + 2] == 0, pending[header + 3] == 0
            else {
                throw EngineError.protocolError(
                    "bad multiplexed stream header \(pending[header..<header + 8].map { $0 }); "
                        + "is the container's TTY setting what the client assumed?")
            }
            let length = (4..<8).reduce(0) { total, index in total << 8 | Int(pending[header + index]) }
            guard pending.count - header - 8 >= length else { break }
            consumed = header + 8 + length
            if length > 0 {
                frames.append(OutputFrame(source: source, bytes: Array(pending[(header + 8)..<consumed])))
            }
        }
        // Compact once the consumed prefix is large, so a long stream stays cheap.
        if consumed > 0, consumed >= pending.count / 2 {
            pending.removeFirst(consumed)
            consumed = 0
        }
        return frames
    }

    /// Ends the stream; a partial frame left over means the stream was cut.
    public func finish() throws {
        if pending.count > consumed {
            throw EngineError.protocolError(
                "the engine's output stream ended inside a frame (\(pending.count - consumed) bytes left)")
        }
    }
}
