import Foundation
import Testing

@testable import Orchestration

/// Reading tar streams as they arrive, and extracting them with modes and times: Pier's own archives, GNU tar's
/// (long names), cut at every byte.
@Suite struct TarReaderTests {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Entries and contents of `bytes`, fed in chunks of `chunkSize`.
    private func read(_ bytes: [UInt8], chunkSize: Int) throws -> [(TarReader.Entry, [UInt8])] {
        var reader = TarReader()
        var entries: [(TarReader.Entry, [UInt8])] = []
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
            .init(path: "deep", kind: .directory, mode: 0o750, modified: 1_700_000_000),
            .init(path: longName, kind: .file(content), mode: 0o640, uid: 12, gid: 34, modified: 1_700_000_001),
            .init(path: "deep/link", kind: .symlink(target: "target")),
        ])
        let entries = try read(archive.finished, chunkSize: chunkSize)
        #expect(entries.map(\.0.path) == ["deep/", longName, "deep/link"])
        #expect(entries[0].0.kind == .directory && entries[0].0.mode == 0o750)
        #expect(entries[1].0.kind == .file && entries[1].1 == content)
        #expect(entries[1].0.uid == 12 && entries[1].0.gid == 34 && entries[1].0.modified == 1_700_000_001)
        #expect(entries[2].0.kind == .symlink(target: "target"))
    }

    @Test func readsGNUTarLongNames() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let name = String(repeating: "l", count: 120)
        try "long\n".write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tar", "--format=gnu", "-cf", "archive.tar", name]
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent("archive.tar")))
        let entries = try read(bytes, chunkSize: 300)
        #expect(entries.map(\.0.path) == [name])
        #expect(entries.first?.1 == Array("long\n".utf8))
    }

    @Test func refusesADamagedHeader() throws {
        var bytes = TarArchive([.init(path: "a", kind: .file([1, 2, 3]))]).finished
        bytes[0] = UInt8(ascii: "b")  // the checksum no longer matches
        var reader = TarReader()
        #expect(throws: TarError.self) { try reader.append(bytes) }
    }

    @Test func extractsUnderANewNameWithModesAndTimes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = TarArchive([
            .init(path: "conf", kind: .directory, mode: 0o700, modified: 1_600_000_000),
            .init(path: "conf/run.sh", kind: .file(Array("#!/bin/sh\n".utf8)), mode: 0o751, modified: 1_600_000_001),
            .init(path: "conf/current", kind: .symlink(target: "run.sh")),
        ])
        var extractor = TarExtractor(target: directory.appendingPathComponent("renamed").path)
        for start in stride(from: 0, to: archive.finished.count, by: 1000) {
            try extractor.append(archive.finished[start..<min(start + 1000, archive.finished.count)])
        }
        try extractor.finish()
        let script = directory.appendingPathComponent("renamed/run.sh").path
        let attributes = try FileManager.default.attributesOfItem(atPath: script)
        #expect(attributes[.posixPermissions] as? Int == 0o751)
        #expect((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 == 1_600_000_001)
        let folder = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("renamed").path)
        #expect(folder[.posixPermissions] as? Int == 0o700)
        #expect(
            try FileManager.default.destinationOfSymbolicLink(
                atPath: directory.appendingPathComponent("renamed/current").path) == "run.sh")
    }

    @Test func refusesPathsLeavingTheTarget() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = TarArchive([.init(path: "a/../../escape", kind: .file([1]))])
        var extractor = TarExtractor(target: directory.appendingPathComponent("a").path)
        #expect(throws: TarError.self) { try extractor.append(archive.finished) }
    }
}
