import Foundation
import Tar

/// A file or directory of the host as a tar stream for `cp` into a container, read as the engine takes it: file
/// contents go out in chunks, never whole. Permission bits and times are kept, owners with `keepsOwners` (else
/// root, as `docker cp` without `-a`), symbolic links stored as links; sockets, devices and FIFOs are skipped.
public struct HostArchiveStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    private let roots: [Iterator.Pending]
    let keepsOwners: Bool
    let skipsVanished: Bool

    /// The archive of `path`, its top entry named `name`; with `contentsOnly` (a source ending in `/.`) the
    /// directory's entries sit at the top instead. `followsLink` copies what a symbolic link at `path` points to.
    public init(
        _ path: String, name: String, contentsOnly: Bool = false, followsLink: Bool = false, keepsOwners: Bool = false
    ) {
        roots = [
            .init(path: path, name: contentsOnly ? "" : name, followsLink: followsLink, childrenOnly: contentsOnly)
        ]
        self.keepsOwners = keepsOwners
        skipsVanished = false
    }

    /// The archive of several files and directories, each `path` at its `name`, in this order; a directory's
    /// entry alone, without what it holds (`watch` lists what it syncs one by one). Entries gone by the time they
    /// are read are left out.
    public init(entries: [(path: String, name: String)], keepsOwners: Bool = false) {
        roots = entries.reversed().map {
            .init(path: $0.path, name: $0.name, followsLink: false, childrenOnly: false, descends: false)
        }
        self.keepsOwners = keepsOwners
        skipsVanished = true
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(pending: roots, keepsOwners: keepsOwners, skipsVanished: skipsVanished)
    }

    public struct Iterator: AsyncIteratorProtocol {
        struct Pending {
            var path: String
            var name: String
            var followsLink: Bool
            /// A `/.` source: its entries without itself.
            var childrenOnly: Bool
            /// Whether a directory's entries follow its own.
            var descends = true
        }

        /// Still to archive, the next on top.
        var pending: [Pending]
        let keepsOwners: Bool
        let skipsVanished: Bool
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
            // A file gone since the watch saw it is left out.
            if skipsVanished, access(entry.path, F_OK) != 0 { return nil }
            guard
                let header = try TarHeader(
                    fileAt: entry.path, name: entry.name, followsLink: entry.followsLink, keepsOwners: keepsOwners)
            else { return nil }
            switch header.kind {
            case .directory:
                guard entry.descends else { break }
                let children = try FileManager.default.contentsOfDirectory(atPath: entry.path).sorted()
                let prefix = entry.childrenOnly ? "" : entry.name + "/"
                pending += children.reversed().map {
                    Pending(path: entry.path + "/" + $0, name: prefix + $0, followsLink: false, childrenOnly: false)
                }
                if entry.childrenOnly { return nil }
            case .file(let size):
                guard let handle = FileHandle(forReadingAtPath: entry.path) else {
                    if skipsVanished, access(entry.path, F_OK) != 0 { return nil }
                    throw TarError("cannot read \(entry.path): permission denied")
                }
                file = handle
                contentLeft = size
                padding = TarHeader.padding(forContentSize: size)
            default:
                break
            }
            return header.bytes
        }
    }
}
