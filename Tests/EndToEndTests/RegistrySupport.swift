import Foundation
import Testing

/// A real registry, Debian's `docker-registry` (distribution 2.8), on a free loopback port with scratch storage,
/// optionally asking for a password (htpasswd, bcrypt). The engine takes any 127.0.0.0/8 registry over plain
/// HTTP. `stop()` ends it and removes its storage.
final class TestRegistry: @unchecked Sendable {
    let port: Int
    let directory: URL
    private let process: Process

    var host: String { "127.0.0.1:\(port)" }

    /// Whether the registry tests run: with an engine, and with `docker-registry` (under CI it must be there,
    /// so a missing one fails instead of skipping).
    static var enabled: Bool {
        EngineSupport.enabled && (installed || ProcessInfo.processInfo.environment["CI"] == "true")
    }
    static let skipMessage: Comment =
        "no engine, or no docker-registry: run scripts/engine-start.sh and scripts/registry-install.sh"
    static let installed = FileManager.default.isExecutableFile(atPath: "/usr/bin/docker-registry")

    /// Starts a registry; with `user`, it wants that user name and password.
    init(user: (name: String, password: String)? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pier-registry-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var auth = ""
        if let user {
            let hash = try TestSupport.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["htpasswd", "-Bbn", user.name, user.password], in: directory,
                environment: ProcessInfo.processInfo.environment)
            try #require(hash.status == 0, "htpasswd failed: \(hash.stderr)")
            try hash.stdout.write(to: directory.appendingPathComponent("htpasswd"), atomically: true, encoding: .utf8)
            auth = "auth:\n  htpasswd:\n    realm: pier-test\n    path: \(directory.path)/htpasswd\n"
        }
        // A port taken meanwhile makes the registry exit: try a few.
        for _ in 0..<5 {
            let port = Int.random(in: 30_000..<60_000)
            let config = """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: \(directory.path)/storage
                http:
                  addr: 127.0.0.1:\(port)

                """ + auth
            let file = directory.appendingPathComponent("config.yml")
            try config.write(to: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/docker-registry")
            process.arguments = ["serve", file.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if Self.waitUntilAnswering(port: port, process: process) {
                self.port = port
                self.process = process
                return
            }
            process.terminate()
            process.waitUntilExit()
        }
        throw RegistryStartError()
    }

    /// Removes the local images named after this registry, then stops it and removes its storage.
    func stop() {
        let listing = try? EngineCleanup.docker(["images", "--format", "{{.Repository}}:{{.Tag}}"]).stdout
        let references = (listing ?? "").split(whereSeparator: \.isNewline).map(String.init)
        EngineCleanup.removeImages(references.filter { $0.hasPrefix(host + "/") && !$0.hasSuffix(":<none>") })
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Whether `/v2/` answers (200, or 401 when it wants a password) within ten seconds.
    private static func waitUntilAnswering(port: Int, process: Process) -> Bool {
        for _ in 0..<100 where process.isRunning {
            let result = try? TestSupport.run(
                URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "1",
                    "http://127.0.0.1:\(port)/v2/",
                ],
                in: URL(fileURLWithPath: "/"), environment: ProcessInfo.processInfo.environment)
            if let code = result?.stdout, code == "200" || code == "401" { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }
}

/// Docker commands for cleaning up once a scratch project's folder is gone (`cleanUp()` removes it).
enum EngineCleanup {
    @discardableResult
    static func docker(_ arguments: [String]) throws -> TestSupport.Result {
        try TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["docker"] + arguments, in: URL(fileURLWithPath: "/"),
            environment: ProcessInfo.processInfo.environment)
    }

    static func removeImages(_ references: [String]) {
        guard !references.isEmpty else { return }
        _ = try? docker(["rmi", "-f"] + references)
    }
}

struct RegistryStartError: Error, CustomStringConvertible {
    var description: String { "docker-registry did not start on a loopback port" }
}

extension ScratchProject {
    /// Runs `pier ARGS` with extra environment variables (`DOCKER_CONFIG`, `PATH`).
    @discardableResult
    func pier(_ arguments: [String], environment extra: [String: String]) throws -> TestSupport.Result {
        try TestSupport.run(
            TestSupport.pierBinary, arguments, in: directory,
            environment: environment.merging(extra) { _, new in new })
    }

    /// A docker configuration folder of the project's own, holding `config` as its `config.json`.
    func dockerConfig(_ name: String, _ config: String) throws -> String {
        let folder = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try config.write(to: folder.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
        return folder.path
    }
}
