/// One tar entry's metadata: what ``TarReader`` reads and what every writer writes (``TarArchive`` in memory,
/// build contexts and `cp` streaming). Its ``bytes`` are the header blocks; the content follows them.
public struct TarHeader: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case file(size: UInt64)
        case directory
        case symlink(target: String)
        case hardlink(target: String)
        /// Devices, FIFOs and the like (their ustar type flag), which copying skips.
        case other(typeFlag: UInt8)
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

    /// The bytes following the header blocks: the content, then zeros up to a whole block.
    public var contentSize: UInt64 {
        if case .file(let size) = kind { return size }
        return 0
    }

    /// Whether the entry is a directory.
    public var isDirectory: Bool { kind == .directory }
}
