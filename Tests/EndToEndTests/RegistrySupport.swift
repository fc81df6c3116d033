import Foundation
import PierTestSupport
import Testing

/// A real registry, Debian's `docker-registry` (distribution 2.8), on a free loopback port with scratch storage,
/// optionally asking for a password (htpasswd, bcrypt). The engine takes any 127.0.0.0/8 registry over plain
/// HTTP. It runs for the scope of ``with(user:_:)``.
struct TestRegistry: Sendable {
    let port: Int
    let directory: URL

    var host: String { "127.0.0.1:\(port)" }

    /// Runs `body` with a registry started for it; with `user`, it wants that user name and password. Afterwards
    /// the local images named after the registry are removed, the registry stopped and its storage removed.
    @discardableResult
    static func with<Result>(
        user: (name: String, password: String)? = nil, _ body: (TestRegistry) async throws -> Result
    ) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pier-registry-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var auth = ""
        if let user {
            let hash = try await TestSupport.run(
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
            var result: Result?
            try await TestSupport.launch(
                URL(fileURLWithPath: TestRegistryBinary.path), ["serve", file.path], in: directory,
                environment: ProcessInfo.processInfo.environment
            ) { server in
                guard await waitUntilAnswering(port: port, server: server) else { return }
                let registry = TestRegistry(port: port, directory: directory)
                do {
                    result = try await body(registry)
                } catch {
                    await registry.removeImages()
                    throw error
                }
                await registry.removeImages()
            }
            if let result { return result }
        }
        throw RegistryStartError()
    }

    /// Removes the local images named after this registry.
    private func removeImages() async {
        let listing = try? await EngineCleanup.docker(["images", "--format", "{{.Repository}}:{{.Tag}}"]).stdout
        let references = (listing ?? "").split(whereSeparator: \.isNewline).map(String.init)
        await EngineCleanup.removeImages(references.filter { $0.hasPrefix(host + "/") && !$0.hasSuffix(":<none>") })
    }

    /// Whether `/v2/` answers (200, or 401 when it wants a password) within ten seconds.
    private static func waitUntilAnswering(port: Int, server: RunningCommand) async -> Bool {
        for _ in 0..<100 where !server.hasExited {
            let result = try? await TestSupport.run(
                URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "1",
                    "http://127.0.0.1:\(port)/v2/",
                ],
                in: URL(fileURLWithPath: "/"), environment: ProcessInfo.processInfo.environment)
            if let code = result?.stdout, code == "200" || code == "401" { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}

/// Docker commands run outside any project's folder (a registry's images, what a test made itself).
enum EngineCleanup {
    @discardableResult
    static func docker(_ arguments: [String]) async throws -> TestSupport.Result {
        try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["docker"] + arguments, in: URL(fileURLWithPath: "/"),
            environment: ProcessInfo.processInfo.environment)
    }

    static func removeImages(_ references: [String]) async {
        guard !references.isEmpty else { return }
        _ = try? await docker(["rmi", "-f"] + references)
    }
}

struct RegistryStartError: Error, CustomStringConvertible {
    var description: String { "docker-registry did not start on a loopback port" }
}

extension ScratchProject {
    /// A docker configuration folder of the project's own, holding `config` as its `config.json`.
    func dockerConfig(_ name: String, _ config: String) throws -> String {
        let folder = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try config.write(to: folder.appendingPathComponent("config.json"), atomically: true, encoding: .utf8)
        return folder.path
    }
}
