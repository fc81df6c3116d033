/// A directory a build reads through its session (the context, the Dockerfile's folder, a named context):
/// BuildKit asks for the entries matching its patterns, compares them with what it has from earlier builds, and
/// asks only for the files that changed.
public protocol SyncedDirectory: Sendable {
    /// The entries to send for `filter`, each directory before its contents and names in byte order (the order
    /// of a depth-first walk, which BuildKit checks).
    func entries(_ filter: SyncFilter) throws -> [SyncedEntry]

    /// Reads a regular file among the entries, handing its contents to `body` piece by piece.
    func read(_ entry: SyncedEntry, into body: ([UInt8]) async throws -> Void) async throws
}

/// What BuildKit asks of a synced directory: paths to include (all when empty) and to exclude
/// (`.dockerignore` rules, `!` for exceptions), and paths to follow through symbolic links.
public struct SyncFilter: Sendable, Hashable {
    public var includePatterns: [String]
    public var excludePatterns: [String]
    public var followPaths: [String]

    public init(includePatterns: [String] = [], excludePatterns: [String] = [], followPaths: [String] = []) {
        self.includePatterns = includePatterns
        self.excludePatterns = excludePatterns
        self.followPaths = followPaths
    }
}

/// A file, directory or link as a build session describes it.
public struct SyncedEntry: Sendable, Hashable {
    /// The path inside the synced directory, `/`-separated, without a leading `/`.
    public var path: String
    /// Go's `os.FileMode` bits, as BuildKit reads them: the permissions, and ``directoryBit``, ``symlinkBit``…
    public var mode: UInt32
    public var size: Int64
    /// Nanoseconds since 1970.
    public var modificationTime: Int64
    /// A symbolic link's target.
    public var linkTarget: String
    public var deviceMajor: Int64
    public var deviceMinor: Int64

    public static let directoryBit: UInt32 = 1 << 31
    public static let symlinkBit: UInt32 = 1 << 27
    public static let deviceBit: UInt32 = 1 << 26
    public static let namedPipeBit: UInt32 = 1 << 25
    public static let socketBit: UInt32 = 1 << 24
    public static let setuidBit: UInt32 = 1 << 23
    public static let setgidBit: UInt32 = 1 << 22
    public static let characterDeviceBit: UInt32 = 1 << 21
    public static let stickyBit: UInt32 = 1 << 20
    static let typeBits: UInt32 = directoryBit | symlinkBit | deviceBit | namedPipeBit | socketBit | characterDeviceBit

    public init(
        path: String, mode: UInt32, size: Int64 = 0, modificationTime: Int64 = 0, linkTarget: String = "",
        deviceMajor: Int64 = 0, deviceMinor: Int64 = 0
    ) {
        self.path = path
        self.mode = mode
        self.size = size
        self.modificationTime = modificationTime
        self.linkTarget = linkTarget
        self.deviceMajor = deviceMajor
        self.deviceMinor = deviceMinor
    }

    /// Go's mode bits for a POSIX `st_mode` (`S_IFDIR | 0755` becomes `directoryBit | 0o755`).
    public static func goMode(posix mode: UInt32) -> UInt32 {
        var result = mode & 0o777
        if mode & 0o4000 != 0 { result |= setuidBit }
        if mode & 0o2000 != 0 { result |= setgidBit }
        if mode & 0o1000 != 0 { result |= stickyBit }
        switch mode & 0o170000 {
        case 0o040000: result |= directoryBit
        case 0o120000: result |= symlinkBit
        case 0o060000: result |= deviceBit
        case 0o020000: result |= deviceBit | characterDeviceBit
        case 0o010000: result |= namedPipeBit
        case 0o140000: result |= socketBit
        default: break
        }
        return result
    }

    public var isRegularFile: Bool { mode & Self.typeBits == 0 }
    public var isDirectory: Bool { mode & Self.directoryBit != 0 }
    public var isSymlink: Bool { mode & Self.symlinkBit != 0 }
}
