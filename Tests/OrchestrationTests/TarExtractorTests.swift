import Foundation
import Tar
import Testing

@testable import Orchestration

/// Extracting tar streams as `cp` does: under a new name, with modes and times, never outside the target.
@Suite struct TarExtractorTests {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func extractsUnderANewNameWithModesAndTimes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = TarArchive([
            (TarHeader(path: "conf", kind: .directory, mode: 0o700, modified: 1_600_000_000), []),
            (
                TarHeader(path: "conf/run.sh", kind: .file(size: 10), mode: 0o751, modified: 1_600_000_001),
                Array("#!/bin/sh\n".utf8)
            ),
            (TarHeader(path: "conf/current", kind: .symlink(target: "run.sh")), []),
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
        let archive = TarArchive([(TarHeader(path: "a/../../escape", kind: .file(size: 1)), [1])])
        var extractor = TarExtractor(target: directory.appendingPathComponent("a").path)
        #expect(throws: TarError.self) { try extractor.append(archive.finished) }
    }
}
