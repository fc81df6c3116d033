import Foundation

/// A build context sent to the engine as a tar stream: the context directory walked in sorted order with the
/// `.dockerignore` rules applied. Symlinks stay links, modes and modification times are kept, owners become
/// 0:0. Iterating reads files as it goes, in chunks, so the context is never wholly in memory.
public struct BuildContext: AsyncSequence, Sendable {
    public typealias Element = [UInt8]

    public struct Entry: Sendable, Hashable {
        /// Path relative to the context directory, `/`-separated.
        public var path: String
        public var header: TarHeader
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
    public init(
        directory: String, dockerfile: String = "Dockerfile", ignore: DockerIgnore? = nil, chunkSize: Int = 64 * 1024
    ) throws {
        let rules = try ignore ?? DockerIgnore.load(contextDirectory: directory, dockerfile: dockerfile)
        self.directory = directory
        self.chunkSize = Swift.max(1, chunkSize)
        var entries: [Entry] = []
        var pending: [Entry] = []
        try Self.walk(directory: directory, relative: "", rules: rules, pending: &pending, into: &entries)
        self.entries = entries
    }

    /// Appends the kept entries under `relative`. `pending` holds excluded directories being walked for
    /// re-included content: they are sent (with their own modes) just before the first thing kept inside them.
    private static func walk(
        directory: String, relative: String, rules: DockerIgnore, pending: inout [Entry], into entries: inout [Entry]
    ) throws {
        let full = relative.isEmpty ? directory : (directory as NSString).appendingPathComponent(relative)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: full)
        } catch {
            throw ContextError.unreadable(relative.isEmpty ? "." : relative)
        }
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let path = relative.isEmpty ? name : relative + "/" + name
            let fullPath = (directory as NSString).appendingPathComponent(path)
            let found: TarHeader?
            do {
                found = try Self.header(path: path, fullPath: fullPath)
            } catch {
                throw ContextError.unreadable(path)
            }
            guard let header = found else { continue }  // sockets, devices, fifos are not sent
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

    private static func header(path: String, fullPath: String) throws -> TarHeader? {
        let attributes = try FileManager.default.attributesOfItem(atPath: fullPath)
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o644
        let modified = Int((attributes[.modificationDate] as? Date)?.timeIntervalSince1970.rounded(.down) ?? 0)
        let kind: TarHeader.Kind
        switch attributes[.type] as? FileAttributeType {
        case .typeDirectory?: kind = .directory
        case .typeSymbolicLink?:
            kind = .symlink(target: try FileManager.default.destinationOfSymbolicLink(atPath: fullPath))
        case .typeRegular?:
            kind = .file(size: (attributes[.size] as? NSNumber)?.uint64Value ?? 0)
        default: return nil  // sockets, devices, fifos are not sent
        }
        return TarHeader(path: path, kind: kind, mode: mode & 0o7777, uid: 0, gid: 0, modified: modified)
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(context: self)
    }

    /// Produces the header of each entry, then its content chunk by chunk, then the end-of-archive marker.
    public struct Iterator: AsyncIteratorProtocol {
        let context: BuildContext
        var index = 0
        var handle: FileHandle?
        var remaining: UInt64 = 0
        var currentSize: UInt64 = 0
        var finished = false

        init(context: BuildContext) {
            self.context = context
        }

        public mutating func next() async throws -> [UInt8]? {
            if let file = handle {
                if remaining > 0 {
                    let count = Int(Swift.min(UInt64(context.chunkSize), remaining))
                    let data: Data?
                    do {
                        data = try file.read(upToCount: count)
                    } catch {
                        try? file.close()
                        handle = nil
                        throw ContextError.unreadable(context.entries[index - 1].path)
                    }
                    guard let data, !data.isEmpty else {
                        try? file.close()
                        handle = nil
                        throw ContextError.changedWhileReading(context.entries[index - 1].path)
                    }
                    remaining -= UInt64(data.count)
                    var chunk = [UInt8](data)
                    if remaining == 0 {
                        chunk += TarHeader.padding(forContentSize: currentSize)
                        try? file.close()
                        handle = nil
                    }
                    return chunk
                }
                try? file.close()
                handle = nil
            }
            guard index < context.entries.count else {
                if finished { return nil }
                finished = true
                return TarHeader.endOfArchive
            }
            let entry = context.entries[index]
            index += 1
            let size = entry.header.contentSize
            if size > 0 {
                let fullPath = (context.directory as NSString).appendingPathComponent(entry.path)
                guard let file = FileHandle(forReadingAtPath: fullPath) else {
                    throw ContextError.unreadable(entry.path)
                }
                handle = file
                remaining = size
                currentSize = size
            }
            return entry.header.bytes
        }
    }
}
