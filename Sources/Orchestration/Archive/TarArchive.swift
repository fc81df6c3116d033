/// A tar archive held in memory, for small archives such as the files written into a container; a build
/// context, which can be large, is streamed by ``BuildContext`` instead. Both write ``TarHeader``s.
public struct TarArchive: Sendable {
    public struct Entry: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case file([UInt8])
            case directory
            case symlink(target: String)
        }

        /// Relative path inside the archive, `/`-separated, without a leading slash.
        public var path: String
        public var kind: Kind
        public var mode: Int
        public var uid: Int
        public var gid: Int
        /// Seconds since 1970.
        public var modified: Int

        public init(path: String, kind: Kind, mode: Int = 0o644, uid: Int = 0, gid: Int = 0, modified: Int = 0) {
            self.path = path
            self.kind = kind
            self.mode = mode
            self.uid = uid
            self.gid = gid
            self.modified = modified
        }
    }

    public private(set) var bytes: [UInt8] = []

    public init() {}

    public init(_ entries: [Entry]) {
        for entry in entries { append(entry) }
    }

    public mutating func append(_ entry: Entry) {
        let content: [UInt8]
        let kind: TarHeader.Kind
        switch entry.kind {
        case .file(let data): (content, kind) = (data, .file(size: UInt64(data.count)))
        case .directory: (content, kind) = ([], .directory)
        case .symlink(let target): (content, kind) = ([], .symlink(target: target))
        }
        let header = TarHeader(
            path: entry.path, kind: kind, mode: entry.mode, uid: entry.uid, gid: entry.gid, modified: entry.modified)
        bytes += header.bytes
        bytes += content
        bytes += TarHeader.padding(forContentSize: UInt64(content.count))
    }

    /// The archive with its end-of-archive marker (two zero blocks).
    public var finished: [UInt8] {
        bytes + TarHeader.endOfArchive
    }
}
