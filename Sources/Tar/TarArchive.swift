/// A tar archive held in memory, for small archives such as the files written into a container; large ones (a
/// build context, a `cp` of a directory) are streamed instead, header by header. Both write ``TarHeader``s.
public struct TarArchive: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    /// An archive of `entries`, each a header and, for a file, its content.
    public init(_ entries: [(header: TarHeader, content: [UInt8])]) {
        for entry in entries { append(entry.header, content: entry.content) }
    }

    /// Appends an entry; a file's `content` must be as long as its header says.
    public mutating func append(_ header: TarHeader, content: some Collection<UInt8> = []) {
        precondition(UInt64(content.count) == header.contentSize, "\(header.path): content and size differ")
        bytes += header.bytes
        bytes += content
        bytes += TarHeader.padding(forContentSize: header.contentSize)
    }

    /// The archive with its end-of-archive marker (two zero blocks).
    public var finished: [UInt8] {
        bytes + TarHeader.endOfArchive
    }
}
