import DockerEngine
import Foundation

/// A directory on disk that a BuildKit build reads through its session (the context, the Dockerfile's folder,
/// a named context), with BuildKit's filter applied as fsutil applies it: exclude patterns with `!` exceptions
/// (the `.dockerignore` BuildKit read), include patterns and followed paths (only those, and the directories
/// leading to them), symbolic links among followed paths followed to their targets. Owners are sent as 0:0, as
/// Docker Compose sends them.
struct SessionDirectory: SyncedDirectory {
    let root: String

    func entries(_ filter: SyncFilter) throws -> [SyncedEntry] {
        let excludes = try DockerIgnore(parsing: filter.excludePatterns.joined(separator: "\n"))
        let includePatterns = filter.includePatterns + followedPaths(filter.followPaths)
        let includes =
            includePatterns.isEmpty ? nil : try DockerIgnore(parsing: includePatterns.joined(separator: "\n"))
        var walk = Walk(root: root, excludes: excludes, includes: includes)
        try walk.visit("")
        return walk.entries
    }

    func read(_ entry: SyncedEntry, into body: ([UInt8]) async throws -> Void) async throws {
        let path = root + "/" + entry.path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BuildContext.ContextError.unreadable(entry.path)
        }
        defer { try? handle.close() }
        while let data = try handle.read(upToCount: FileSyncChunk.size), !data.isEmpty {
            try await body([UInt8](data))
        }
    }

    /// The followed paths, and the targets of those that are symbolic links (inside the directory), repeatedly.
    private func followedPaths(_ paths: [String]) -> [String] {
        var result: [String] = []
        var pending = paths.map(DockerIgnore.clean)
        while let path = pending.popLast(), result.count < 1_000 {
            guard !result.contains(path) else { continue }
            result.append(path)
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/" + path) else {
                continue
            }
            let resolved =
                target.hasPrefix("/") ? target : (path as NSString).deletingLastPathComponent + "/" + target
            let cleaned = DockerIgnore.clean(resolved)
            if !cleaned.hasPrefix("..") {
                pending.append(cleaned.hasPrefix("/") ? String(cleaned.dropFirst()) : cleaned)
            }
        }
        return result
    }

    /// A depth-first walk in byte order of names. Directories that are not sent themselves but may hold sent
    /// entries wait in `pending` and are sent just before the first entry inside them.
    private struct Walk {
        let root: String
        let excludes: DockerIgnore
        let includes: DockerIgnore?
        var entries: [SyncedEntry] = []
        var pending: [SyncedEntry] = []

        mutating func visit(_ relative: String) throws {
            let full = relative.isEmpty ? root : root + "/" + relative
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: full)
            } catch {
                throw BuildContext.ContextError.unreadable(relative.isEmpty ? "." : relative)
            }
            for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                let path = relative.isEmpty ? name : relative + "/" + name
                guard let entry = try FileStatus.syncedEntry(path: path, fullPath: root + "/" + path) else { continue }
                let excluded = excludes.isExcluded(relativePath: path)
                let included = includes.map { $0.isExcluded(relativePath: path) } ?? true
                if !excluded, included {
                    entries += pending
                    pending = []
                    entries.append(entry)
                    if entry.isDirectory { try visit(path) }
                } else if entry.isDirectory, !excluded || excludes.mustWalk(excludedDirectory: path),
                    included || includes?.mayMatchInside(directory: path) == true
                {
                    pending.append(entry)
                    try visit(path)
                    if pending.last == entry { pending.removeLast() }
                }
            }
        }
    }
}

/// A directory with one file held in memory: the Dockerfile of `dockerfile_inline`.
struct InlineDockerfileDirectory: SyncedDirectory {
    let name: String
    let content: [UInt8]

    func entries(_ filter: SyncFilter) throws -> [SyncedEntry] {
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000_000)
        return [SyncedEntry(path: name, mode: 0o644, size: Int64(content.count), modificationTime: now)]
    }

    func read(_ entry: SyncedEntry, into body: ([UInt8]) async throws -> Void) async throws {
        try await body(content)
    }
}

/// How much of a file a session reads at once.
enum FileSyncChunk {
    static let size = 256 << 10
}
