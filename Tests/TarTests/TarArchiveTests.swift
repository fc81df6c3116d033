import Foundation
import PierTestSupport
import Testing

@testable import Tar

/// The archives Pier writes are read back by the system's `tar`, long paths and all.
@Suite struct TarArchiveTests {
    private func list(_ archive: TarArchive) async throws -> (listing: String, extracted: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tar-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("archive.tar")
        try Data(archive.finished).write(to: file)
        let result = try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["tar", "-xvf", file.path, "-C", directory.path], in: directory,
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0)
        return (result.stdout, directory)
    }

    @Test func filesDirectoriesAndLinks() async throws {
        let archive = TarArchive([
            (TarHeader(path: "run", kind: .directory, mode: 0o755), []),
            (TarHeader(path: "run/secrets", kind: .directory, mode: 0o755), []),
            (TarHeader(path: "run/secrets/token", kind: .file(size: 7), mode: 0o400), Array("s3cret\n".utf8)),
            (TarHeader(path: "run/link", kind: .symlink(target: "secrets/token")), []),
        ])
        let (listing, directory) = try await list(archive)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(listing.split(separator: "\n") == ["run/", "run/secrets/", "run/secrets/token", "run/link"])
        let token = directory.appendingPathComponent("run/secrets/token")
        #expect(try String(contentsOf: token, encoding: .utf8) == "s3cret\n")
        let permissions = try FileManager.default.attributesOfItem(atPath: token.path)[.posixPermissions] as? Int
        #expect(permissions == 0o400)
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: directory.appendingPathComponent("run/link").path)
                == "secrets/token")
    }

    @Test(arguments: [1, 511, 512, 513, 70_000])
    func contentOfAnySizeIsPaddedToBlocks(size: Int) async throws {
        let content = (0..<size).map { UInt8(truncatingIfNeeded: $0) }
        let archive = TarArchive([(TarHeader(path: "blob", kind: .file(size: UInt64(size))), content)])
        #expect(archive.finished.count % 512 == 0)
        let (_, directory) = try await list(archive)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try Data(contentsOf: directory.appendingPathComponent("blob")) == Data(content))
    }

    @Test func pathsLongerThanUstarAllowsUsePAX() async throws {
        let path = (1...12).map { "directory-\($0)" }.joined(separator: "/") + "/file.txt"
        #expect(path.utf8.count > 100)
        let archive = TarArchive([(TarHeader(path: path, kind: .file(size: 4)), Array("deep".utf8))])
        let (listing, directory) = try await list(archive)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(listing.trimmingCharacters(in: .whitespacesAndNewlines) == path)
        #expect(try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8) == "deep")
    }
}
