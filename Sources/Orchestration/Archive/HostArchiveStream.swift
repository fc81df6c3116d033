import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file or directory of the host as a tar stream for `cp` into a container, read as the engine takes it: file
/// contents go out in chunks, never whole. Permission bits and times are kept, owners with `keepsOwners` (else
/// root, as `docker cp` without `-a`), symbolic links stored as links; sockets, devices and FIFOs are skipped.
public struct HostArchiveStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    let path: String
    let name: String
    let contentsOnly: Bool
    let followsLink: Bool
    let keepsOwners: Bool

    /// The archive of `path`, its top entry named `name`; with `contentsOnly` (a source ending in `/.`) the
    /// directory's entries sit at the top instead. `followsLink` copies what a symbolic link at `path` points to.
    public init(
        _ path: String, name: String, contentsOnly: Bool = false, followsLink: Bool = false, keepsOwners: Bool = false
    ) {
        self.path = path
        self.name = name
        self.contentsOnly = contentsOnly
        self.followsLink = followsLink
        self.keepsOwners = keepsOwners
    }

    public func makeAsyncIterator() -> Iterator {
        var pending: [Iterator.Pending] = []
        if contentsOnly {
            pending.append(.init(path: path, name: "", followsLink: followsLink, childrenOnly: true))
        } else {
            pending.append(.init(path: path, name: name, followsLink: followsLink, childrenOnly: false))
        }
        return Iterator(pending: pending, keepsOwners: keepsOwners)
    }

    public struct Iterator: AsyncIteratorProtocol {
        struct Pending {
            var path: String
            var name: String
            var followsLink: Bool
            /// A `/.` source: its entries without itself.
            var childrenOnly: Bool
        }

        /// Still to archive, the next on top.
        var pending: [Pending]
        let keepsOwners: Bool
        var file: FileHandle?
        var contentLeft: UInt64 = 0
        var padding: [UInt8] = []
        var ended = false
        static let chunkSize = 256 * 1024

        public mutating func next() async throws -> [UInt8]? {
            if let file {
                if contentLeft > 0 {
                    let wanted = Int(Swift.min(UInt64(Self.chunkSize), contentLeft))
                    var chunk = [UInt8](try file.read(upToCount: wanted) ?? Data())
                    // A file that shrank while being read is padded to the size its header announced.
                    if chunk.isEmpty { chunk = [UInt8](repeating: 0, count: wanted) }
                    contentLeft -= UInt64(chunk.count)
                    return chunk
                }
                try file.close()
                self.file = nil
                if !padding.isEmpty {
                    defer { padding = [] }
                    return padding
                }
            }
            while let entry = pending.popLast() {
                if let header = try begin(entry) { return header }
            }
            guard !ended else { return nil }
            ended = true
            return TarHeader.endOfArchive
        }

        /// The header of `entry` (nil for what is not archived); queues a directory's children and opens a file.
        private mutating func begin(_ entry: Pending) throws -> [UInt8]? {
            var info = stat()
            guard (entry.followsLink ? stat(entry.path, &info) : lstat(entry.path, &info)) == 0 else {
                throw TarError("lstat \(entry.path): \(String(cString: strerror(errno)).lowercased())")
            }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                let children = try FileManager.default.contentsOfDirectory(atPath: entry.path).sorted()
                let prefix = entry.childrenOnly ? "" : entry.name + "/"
                pending += children.reversed().map {
                    Pending(path: entry.path + "/" + $0, name: prefix + $0, followsLink: false, childrenOnly: false)
                }
                if entry.childrenOnly { return nil }
            }
            #if canImport(Glibc)
                let modified = Int(info.st_mtim.tv_sec)
            #else
                let modified = Int(info.st_mtimespec.tv_sec)
            #endif
            let (uid, gid) = keepsOwners ? (Int(info.st_uid), Int(info.st_gid)) : (0, 0)
            let headerKind: TarHeader.Kind
            switch kind {
            case S_IFDIR:
                headerKind = .directory
            case S_IFLNK:
                headerKind = .symlink(target: try FileManager.default.destinationOfSymbolicLink(atPath: entry.path))
            case S_IFREG:
                guard let handle = FileHandle(forReadingAtPath: entry.path) else {
                    throw TarError("cannot read \(entry.path): permission denied")
                }
                file = handle
                contentLeft = UInt64(info.st_size)
                padding = TarHeader.padding(forContentSize: contentLeft)
                headerKind = .file(size: contentLeft)
            default:
                return nil
            }
            return TarHeader(
                path: entry.name, kind: headerKind, mode: Int(info.st_mode & 0o7777), uid: uid, gid: gid,
                modified: modified
            ).bytes
        }
    }
}
