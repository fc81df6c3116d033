import Foundation
import Testing

@testable import DockerEngine

/// The `X-Docker-Container-Path-Stat` header: base64 JSON with Go's file mode bits.
@Suite struct ContainerPathStatTests {
    private func header(_ json: String) -> String {
        Data(json.utf8).base64EncodedString()
    }

    @Test func directoriesLinksAndFiles() throws {
        let directory = try ContainerPathStat(
            header: header(#"{"name":"etc","size":4096,"mode":2147484141,"mtime":"2024-01-01T00:00:00Z"}"#))
        #expect(directory.isDirectory && !directory.isSymlink && directory.mode & 0o777 == 0o755)
        let link = try ContainerPathStat(
            header: header(#"{"name":"sh","size":7,"mode":134218239,"linkTarget":"/bin/busybox"}"#))
        #expect(link.isSymlink && !link.isDirectory && link.linkTarget == "/bin/busybox")
        let file = try ContainerPathStat(header: header(#"{"name":"hostname","size":13,"mode":420}"#))
        #expect(!file.isDirectory && !file.isSymlink && file.size == 13 && file.linkTarget == "")
    }

    @Test func aMissingOrGarbledHeaderIsAProtocolError() {
        #expect(throws: EngineError.self) { try ContainerPathStat(header: nil) }
        #expect(throws: EngineError.self) { try ContainerPathStat(header: "not base64!") }
    }
}
