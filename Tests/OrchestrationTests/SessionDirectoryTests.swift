import DockerEngine
import Foundation
import Testing

@testable import Orchestration

/// What a build session sends of a directory for BuildKit's patterns: the order BuildKit checks (each directory
/// before its contents, names in byte order), excludes with exceptions, includes and followed paths with the
/// directories leading to them, links followed.
@Suite struct SessionDirectoryTests {
    /// A directory with `files` (path → content; a content starting with `->` makes a symbolic link).
    static func directory(_ files: [String: String]) throws -> SessionDirectory {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pier-sync-\(UUID().uuidString)").path
        for (path, content) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if content.hasPrefix("->") {
                try FileManager.default.createSymbolicLink(
                    atPath: full, withDestinationPath: String(content.dropFirst(2)))
            } else {
                try content.write(toFile: full, atomically: true, encoding: .utf8)
            }
        }
        return SessionDirectory(root: root)
    }

    static let tree = [
        "Dockerfile": "FROM scratch", "a.txt": "a", "a/b.txt": "b", "a/c/d.log": "d", "B": "upper", "z.log": "z",
        "link": "->a/b.txt",
    ]

    static func paths(_ filter: SyncFilter, in files: [String: String] = tree) throws -> [String] {
        try directory(files).entries(filter).map(\.path)
    }

    @Test func everythingInWalkOrder() throws {
        // "a" (a directory) comes before "a.txt": BuildKit walks depth first, names in byte order.
        #expect(
            try Self.paths(SyncFilter()) == [
                "B", "Dockerfile", "a", "a/b.txt", "a/c", "a/c/d.log", "a.txt", "link", "z.log",
            ])
    }

    @Test func excludesWithExceptions() throws {
        let filter = SyncFilter(excludePatterns: ["**/*.log", "a", "!a/c/d.log"])
        // "a" is excluded but walked for the exception; it and "a/c" are sent just before what they hold.
        #expect(try Self.paths(filter) == ["B", "Dockerfile", "a", "a/c", "a/c/d.log", "a.txt", "link"])
    }

    @Test func includesSendOnlyWhatTheyNameAndTheDirectoriesOnTheWay() throws {
        #expect(try Self.paths(SyncFilter(includePatterns: ["a/c"])) == ["a", "a/c", "a/c/d.log"])
        #expect(try Self.paths(SyncFilter(includePatterns: ["*.txt"])) == ["a.txt"])
        #expect(try Self.paths(SyncFilter(includePatterns: ["**/*.txt"])) == ["a", "a/b.txt", "a.txt"])
    }

    @Test func followedLinksBringTheirTargets() throws {
        #expect(try Self.paths(SyncFilter(followPaths: ["link"])) == ["a", "a/b.txt", "link"])
        #expect(try Self.paths(SyncFilter(followPaths: ["Dockerfile", "Dockerfile.dockerignore"])) == ["Dockerfile"])
    }

    @Test func entriesCarryGoModesSizesAndLinks() throws {
        let entries = try Self.directory(Self.tree).entries(SyncFilter(includePatterns: ["a", "link"]))
        let byPath = Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0) })
        let directory = try #require(byPath["a"])
        #expect(directory.isDirectory && directory.size == 0)
        #expect(directory.mode & 0o777 == 0o755 || directory.mode & 0o777 == 0o775)
        let file = try #require(byPath["a/b.txt"])
        #expect(file.isRegularFile && file.size == 1 && file.modificationTime > 0)
        let link = try #require(byPath["link"])
        #expect(link.isSymlink && link.linkTarget == "a/b.txt" && link.size == 7)
    }

    @Test func readsFilesInPieces() async throws {
        let big = String(repeating: "x", count: FileSyncChunk.size + 10)
        let directory = try Self.directory(["big": big])
        let entry = try #require(try directory.entries(SyncFilter()).first)
        var pieces: [Int] = []
        try await directory.read(entry) { pieces.append($0.count) }
        #expect(pieces == [FileSyncChunk.size, 10])
    }

    static let modes: [(UInt32, UInt32)] = [
        (0o040755, SyncedEntry.directoryBit | 0o755),
        (0o120777, SyncedEntry.symlinkBit | 0o777),
        (0o100644, 0o644),
        (0o104755, SyncedEntry.setuidBit | 0o755),
        (0o041777, SyncedEntry.directoryBit | SyncedEntry.stickyBit | 0o777),
    ]

    @Test(arguments: modes)
    func posixModesBecomeGoModes(posix: UInt32, go: UInt32) {
        #expect(SyncedEntry.goMode(posix: posix) == go)
    }
}
