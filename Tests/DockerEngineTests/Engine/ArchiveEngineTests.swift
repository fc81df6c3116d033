import Foundation
import PierTestSupport
import Tar
import Testing

@testable import DockerEngine

/// The archive endpoints `cp` uses: what a path is (`HEAD`), and its contents as a tar stream (`GET`).
@Suite(.requiresEngine) struct ArchiveEngineTests {
    @Test func statsAndFetchesAPath() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let container = try await fixture.makeContainer(["sleep", "300"])
            try await engine.putArchive(
                container, path: "/tmp", tar: TarArchive.make([(path: "note.txt", contents: "hello archive\n")]))
            let file = try await engine.statPath(container, path: "/tmp/note.txt")
            #expect(file.name == "note.txt" && file.size == 14 && !file.isDirectory && !file.isSymlink)
            #expect(try await engine.statPath(container, path: "/tmp").isDirectory)
            #expect(try await engine.statPath(container, path: "/bin/sh").isSymlink)

            let (stat, tar) = try await engine.getArchive(container, path: "/tmp/note.txt")
            #expect(stat.name == "note.txt")
            var bytes: [UInt8] = []
            for try await chunk in tar { bytes += chunk }
            // One ustar entry named as the file, then its content.
            #expect(String(decoding: bytes.prefix(8), as: UTF8.self) == "note.txt")
            #expect(String(decoding: bytes[512..<526], as: UTF8.self) == "hello archive\n")

            await #expect(throws: EngineError.self) { try await engine.statPath(container, path: "/missing") }
        }
    }
}
