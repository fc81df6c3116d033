import Foundation
import PierTestSupport
import Testing

@testable import Tar

/// Reading tar streams as they arrive: Pier's own archives, GNU tar's (long names), cut at every byte.
@Suite struct TarReaderTests {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Entries and contents of `bytes`, fed in chunks of `chunkSize`.
    private func read(_ bytes: [UInt8], chunkSize: Int) throws -> [(TarHeader, [UInt8])] {
        var reader = TarReader()
        var entries: [(TarHeader, [UInt8])] = []
        for start in stride(from: 0, to: bytes.count, by: chunkSize) {
            for event in try reader.append(bytes[start..<min(start + chunkSize, bytes.count)]) {
                switch event {
                case .entry(let entry): entries.append((entry, []))
                case .content(let data): entries[entries.count - 1].1 += data
                case .end: break
                }
            }
        }
        #expect(reader.isComplete)
        return entries
    }

    @Test(arguments: [1, 7, 512, 100_000]) func readsWhatTarArchiveWrites(chunkSize: Int) throws {
        let longName = "deep/" + String(repeating: "n", count: 150) + "/file"
        let content = (0..<3000).map { UInt8($0 % 251) }
        let archive = TarArchive([
            (TarHeader(path: "deep", kind: .directory, mode: 0o750, modified: 1_700_000_000), []),
            (
                TarHeader(
                    path: longName, kind: .file(size: 3000), mode: 0o640, uid: 12, gid: 34, modified: 1_700_000_001),
                content
            ),
            (TarHeader(path: "deep/link", kind: .symlink(target: "target")), []),
        ])
        let entries = try read(archive.finished, chunkSize: chunkSize)
        #expect(entries.map(\.0.path) == ["deep/", longName, "deep/link"])
        #expect(entries[0].0.kind == .directory && entries[0].0.mode == 0o750)
        #expect(entries[1].0.kind == .file(size: 3000) && entries[1].1 == content)
        #expect(entries[1].0.uid == 12 && entries[1].0.gid == 34 && entries[1].0.modified == 1_700_000_001)
        #expect(entries[2].0.kind == .symlink(target: "target"))
    }

    @Test func readsGNUTarLongNames() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let name = String(repeating: "l", count: 120)
        try "long\n".write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["tar", "--format=gnu", "-cf", "archive.tar", name], in: directory,
            environment: ProcessInfo.processInfo.environment)
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent("archive.tar")))
        let entries = try read(bytes, chunkSize: 300)
        #expect(entries.map(\.0.path) == [name])
        #expect(entries.first?.1 == Array("long\n".utf8))
    }

    @Test func refusesADamagedHeader() throws {
        var bytes = TarArchive([(TarHeader(path: "a", kind: .file(size: 3)), [1, 2, 3])]).finished
        bytes[0] = UInt8(ascii: "b")  // the checksum no longer matches
        var reader = TarReader()
        #expect(throws: TarError.self) { try reader.append(bytes) }
    }
}
