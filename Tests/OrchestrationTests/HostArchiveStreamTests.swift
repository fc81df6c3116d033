import Foundation
import Tar
import Testing

@testable import Orchestration

/// Host files streamed as a tar for `cp` into a container, read back with ``TarReader``.
@Suite struct HostArchiveStreamTests {
    private func entries(_ stream: HostArchiveStream) async throws -> [(TarHeader, [UInt8])] {
        var reader = TarReader()
        var result: [(TarHeader, [UInt8])] = []
        for try await chunk in stream {
            for event in try reader.append(chunk) {
                switch event {
                case .entry(let entry): result.append((entry, []))
                case .content(let bytes): result[result.count - 1].1 += bytes
                case .end: break
                }
            }
        }
        #expect(reader.isComplete)
        return result
    }

    private func tree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hostarchive-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data((0..<700_000).map { UInt8($0 % 253) }).write(to: root.appendingPathComponent("sub/big"))
        try "hi\n".write(to: root.appendingPathComponent("script"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o751], ofItemAtPath: root.path + "/script")
        try FileManager.default.createSymbolicLink(atPath: root.path + "/link", withDestinationPath: "script")
        chown(root.path + "/script", 1234, 5678)
        return root
    }

    @Test func aDirectoryWithItsModesLinksAndContents() async throws {
        let root = try tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let found = try await entries(HostArchiveStream(root.path, name: "copy"))
        #expect(found.map(\.0.path) == ["copy/", "copy/link", "copy/script", "copy/sub/", "copy/sub/big"])
        let script = try #require(found.first { $0.0.path == "copy/script" })
        #expect(script.0.mode == 0o751 && script.0.uid == 0 && script.1 == Array("hi\n".utf8))
        #expect(found.first { $0.0.path == "copy/link" }?.0.kind == .symlink(target: "script"))
        #expect(found.last?.1 == (0..<700_000).map { UInt8($0 % 253) })
    }

    @Test func contentsOnlyAndOwners() async throws {
        let root = try tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let found = try await entries(
            HostArchiveStream(root.path + "/.", name: "ignored", contentsOnly: true, keepsOwners: true))
        #expect(found.map(\.0.path) == ["link", "script", "sub/", "sub/big"])
        let script = try #require(found.first { $0.0.path == "script" })
        #expect(script.0.uid == 1234 && script.0.gid == 5678)
    }
}
