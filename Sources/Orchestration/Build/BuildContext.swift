import DockerEngine
import Foundation
import Tar

/// A build context sent to the engine as a tar stream: the context directory walked in sorted order with the
/// `.dockerignore` rules applied, then any generated files (an inline Dockerfile). Symlinks stay links, modes and
/// modification times are kept, owners become 0:0. Iterating reads files as it goes, in large reads packed into
/// chunks of about `chunkSize` bytes, so the context is never wholly in memory.
public struct BuildContext: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    public struct Entry: Sendable, Hashable {
        /// Path relative to the context directory, `/`-separated.
        public var path: String
        public var header: TarHeader
        /// The content of a generated file, sent instead of reading `path` from the directory.
        public var generatedContent: [UInt8]?
    }

    public enum ContextError: Error, Hashable, CustomStringConvertible {
        case unreadable(String)
        case changedWhileReading(String)

        public var description: String {
            switch self {
            case .unreadable(let path): "cannot read \(path) in the build context"
            case .changedWhileReading(let path): "\(path) changed size while the build context was sent"
            }
        }
    }

    public let directory: String
    public let entries: [Entry]
    public let chunkSize: Int

    /// Walks `directory` (metadata only) and keeps what `ignore` does not exclude.
    /// - Parameters:
    ///   - ignore: the rules; by default those `DockerIgnore.load` finds for `dockerfile`.
    ///   - generatedFiles: files to add at the root of the archive after the directory's content, by name; they
    ///     replace files of the directory with the same name.
    public init(
        directory: String, dockerfile: String = "Dockerfile", ignore: DockerIgnore? = nil,
        generatedFiles: [(name: String, content: [UInt8])] = [], chunkSize: Int = 256 * 1024
    ) throws {
        let rules = try ignore ?? DockerIgnore.load(contextDirectory: directory, dockerfile: dockerfile)
        self.directory = directory
        self.chunkSize = Swift.max(1, chunkSize)
        var entries: [Entry] = []
        var pending: [Entry] = []
        try Self.walk(directory: directory, relative: "", rules: rules, pending: &pending, into: &entries)
        let generatedNames = Set(generatedFiles.map(\.name))
        entries.removeAll { generatedNames.contains($0.path) }
        let now = Int(Date().timeIntervalSince1970)
        for file in generatedFiles {
            let header = TarHeader(path: file.name, kind: .file(size: UInt64(file.content.count)), modified: now)
            entries.append(Entry(path: file.name, header: header, generatedContent: file.content))
        }
        self.entries = entries
    }

    /// Appends the kept entries under `relative`. `pending` holds excluded directories being walked for
    /// re-included content: they are sent (with their own modes) just before the first thing kept inside them.
    private static func walk(
        directory: String, relative: String, rules: DockerIgnore, pending: inout [Entry], into entries: inout [Entry]
    ) throws {
        let full = relative.isEmpty ? directory : directory + "/" + relative
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: full)
        } catch {
            throw ContextError.unreadable(relative.isEmpty ? "." : relative)
        }
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let path = relative.isEmpty ? name : relative + "/" + name
            guard let header = try FileStatus.header(path: path, fullPath: directory + "/" + path) else {
                continue  // sockets, devices, fifos are not sent
            }
            let entry = Entry(path: path, header: header)
            let excluded = rules.isExcluded(relativePath: path)
            if !excluded {
                entries += pending
                pending = []
                entries.append(entry)
                if case .directory = header.kind {
                    try walk(directory: directory, relative: path, rules: rules, pending: &pending, into: &entries)
                }
            } else if case .directory = header.kind, rules.mustWalk(excludedDirectory: path) {
                pending.append(entry)
                try walk(directory: directory, relative: path, rules: rules, pending: &pending, into: &entries)
                if pending.last == entry { pending.removeLast() }
            }
        }
    }

    public func makeAsyncIterator() -> ContextReader {
        ContextReader(context: self)
    }
}

/// One `lstat` per entry: what a tar header (owners 0:0) or a build session's entry needs.
enum FileStatus {
    /// A session's entry for a directory, regular file or symbolic link; nil for anything else.
    static func syncedEntry(path: String, fullPath: String) throws -> SyncedEntry? {
        var status = stat()
        guard lstat(fullPath, &status) == 0 else { throw BuildContext.ContextError.unreadable(path) }
        #if canImport(Darwin)
            let modified = Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
        #else
            let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        #endif
        var entry = SyncedEntry(
            path: path, mode: SyncedEntry.goMode(posix: UInt32(status.st_mode)), modificationTime: modified)
        switch status.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFREG: entry.size = Int64(status.st_size)
        case S_IFLNK:
            do {
                entry.linkTarget = try FileManager.default.destinationOfSymbolicLink(atPath: fullPath)
            } catch {
                throw BuildContext.ContextError.unreadable(path)
            }
            entry.size = Int64(entry.linkTarget.utf8.count)
        default: return nil
        }
        return entry
    }

    static func header(path: String, fullPath: String) throws -> TarHeader? {
        do {
            return try TarHeader(fileAt: fullPath, name: path)
        } catch {
            throw BuildContext.ContextError.unreadable(path)
        }
    }
}
