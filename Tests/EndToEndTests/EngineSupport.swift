import Foundation
import Testing

/// End-to-end tests against the real engine: whether one answers, and a scratch project that cleans up.
enum EngineSupport {
    /// The engine's socket: `DOCKER_HOST` when it names one (`unix:///run/pier-engine26/docker.sock` runs the
    /// suites against Engine 26.1), else the default.
    static let socket: String = {
        let host = ProcessInfo.processInfo.environment["DOCKER_HOST"] ?? ""
        return host.hasPrefix("unix://") ? String(host.dropFirst("unix://".count)) : "/var/run/docker.sock"
    }()

    /// Whether an engine answers `/_ping` on the default socket.
    static let isAvailable: Bool = {
        guard FileManager.default.fileExists(atPath: socket) else { return false }
        let result = try? TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["curl", "-s", "--max-time", "5", "--unix-socket", socket, "http://localhost/_ping"],
            in: TestSupport.repositoryRoot, environment: ProcessInfo.processInfo.environment)
        return result?.stdout == "OK"
    }()

    /// The engine's API version, `(1, 41)` for Engine 20.10 and `(1, 45)` for 26.1: the tests of attributes that
    /// need a newer API expect their behaviour from engines that have it, and the located error from older ones.
    static let apiVersion: (major: Int, minor: Int)? = {
        let result = try? TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["curl", "-s", "--max-time", "5", "--unix-socket", socket, "http://localhost/version"],
            in: TestSupport.repositoryRoot, environment: ProcessInfo.processInfo.environment)
        guard let data = result?.stdout.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let parts = (object["ApiVersion"] as? String)?.split(separator: ".").compactMap({ Int($0) }),
            parts.count == 2
        else { return nil }
        return (parts[0], parts[1])
    }()

    /// Whether the engine speaks API `major.minor` or later.
    static func speaks(_ major: Int, _ minor: Int) throws -> Bool {
        let version = try #require(apiVersion, "the engine on \(socket) did not report its API version")
        return version >= (major, minor)
    }

    /// Locally, engine tests skip when no engine answers; under `CI=true` they must run, so they fail instead.
    static var enabled: Bool {
        if isAvailable { return true }
        return ProcessInfo.processInfo.environment["CI"] == "true"
    }

    static let skipMessage: Comment = "no container engine answers on \(socket): run scripts/engine-start.sh"
}

/// A project in a scratch directory with a unique name; `pier down -v` and a label sweep remove what it made.
struct ScratchProject {
    let name: String
    let directory: URL

    init(_ compose: String, files: [String: String] = [:]) throws {
        name = "piertest" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try compose.write(to: directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        for (path, contents) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    var environment: [String: String] {
        TestSupport.baseEnvironment.merging(["COMPOSE_PROJECT_NAME": name]) { _, new in new }
    }

    /// Runs `pier ARGS` in the project's directory.
    @discardableResult
    func pier(_ arguments: String..., stdin: Data? = nil) throws -> TestSupport.Result {
        try TestSupport.run(TestSupport.pierBinary, arguments, in: directory, environment: environment, stdin: stdin)
    }

    /// Runs the reference Docker Compose with `ARGS` in the project's directory.
    @discardableResult
    func reference(_ arguments: String...) throws -> TestSupport.Result {
        let binary = try #require(TestSupport.referenceCompose, "the reference Docker Compose is not installed")
        return try TestSupport.run(binary, arguments, in: directory, environment: environment)
    }

    /// Runs `docker ARGS` (the CLI, to look at what Pier did from the outside).
    @discardableResult
    func docker(_ arguments: String...) throws -> TestSupport.Result {
        try docker(arguments)
    }

    /// Runs in the project's directory, or in the repository once `cleanUp` removed it (deferred removals of
    /// what a test made itself run after `cleanUp`).
    func docker(_ arguments: [String]) throws -> TestSupport.Result {
        let folder = FileManager.default.fileExists(atPath: directory.path) ? directory : TestSupport.repositoryRoot
        return try TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["docker"] + arguments, in: folder, environment: environment)
    }

    /// Starts `pier ARGS` in the project's directory without waiting; returns the process and its standard output.
    /// `keepingStdinOpen` gives it an open, silent standard input (an attached container's stays open).
    func launch(keepingStdinOpen: Bool = false, _ arguments: [String]) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = TestSupport.pierBinary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        if keepingStdinOpen { process.standardInput = Pipe() }
        try process.run()
        return (process, output)
    }

    /// Removes everything labelled with the project, whatever state a failed test left it in.
    func cleanUp() {
        _ = try? pier("down", "--volumes", "--remove-orphans", "--timeout", "0")
        let label = "label=com.docker.compose.project=\(name)"
        for kind in [["ps", "-aq"], ["network", "ls", "-q"], ["volume", "ls", "-q"]] {
            guard let ids = try? docker(kind + ["--filter", label]).stdout.split(whereSeparator: \.isNewline) else {
                continue
            }
            let remove = kind[0] == "ps" ? ["rm", "-f"] : [kind[0], "rm"]
            for id in ids { _ = try? docker(remove + [String(id)]) }
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
