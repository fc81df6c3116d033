import Digest
import Foundation

@testable import DockerEngine

/// A scratch folder removed when the value is dropped.
final class TemporaryDirectory: Sendable {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("pier-engine-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `contents` to `relativePath`, creating folders.
    func write(_ relativePath: String, _ contents: String) throws {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(contents.utf8).write(to: file)
    }

    /// Writes a docker context as `docker context create` does, under the config folder `configFolder`.
    func writeContext(_ name: String, host: String, in configFolder: String, skipTLSVerify: Bool = false) throws {
        let digest = SHA256.hex(of: name)
        let meta = """
            {"Name":"\(name)","Metadata":{"Description":""},\
            "Endpoints":{"docker":{"Host":"\(host)","SkipTLSVerify":\(skipTLSVerify)}}}
            """
        try write("\(configFolder)/contexts/meta/\(digest)/meta.json", meta)
    }
}
