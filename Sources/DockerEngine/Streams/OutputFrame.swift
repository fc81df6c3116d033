/// A piece of a container's output (logs, attach, exec), tagged with the stream it came from.
public struct OutputFrame: Sendable, Hashable {
    /// The stream a frame belongs to; the multiplexed format's first header byte.
    public enum Source: UInt8, Sendable, Hashable {
        case stdin = 0
        case stdout = 1
        case stderr = 2
        /// Errors of the engine itself, sent inside the stream by newer engines.
        case system = 3
    }

    public var source: Source
    public var bytes: [UInt8]

    public init(source: Source, bytes: [UInt8]) {
        self.source = source
        self.bytes = bytes
    }

    /// The bytes as UTF-8 text (invalid sequences replaced).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
