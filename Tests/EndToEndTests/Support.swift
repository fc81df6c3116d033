import Foundation

/// Paths and processes the end-to-end tests share: the built `pier`, the reference Docker Compose, the fixtures.
enum TestSupport {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures")

    /// The `pier` binary `swift build` put beside the test bundle.
    static let pierBinary: URL = {
        if let path = ProcessInfo.processInfo.environment["PIER_BINARY"] { return URL(fileURLWithPath: path) }
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("pier")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/pier")
    }()

    /// The reference Docker Compose binary: `PIER_REFERENCE_COMPOSE`, else the one pip installed.
    static let referenceCompose: URL? = {
        if let path = ProcessInfo.processInfo.environment["PIER_REFERENCE_COMPOSE"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let result = try? run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", "-c", "import compose,os;print(os.path.dirname(compose.__file__))"],
            in: repositoryRoot, environment: ProcessInfo.processInfo.environment)
        guard let result, result.status == 0 else { return nil }
        let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + "/docker-compose"
        return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }()

    /// What every command a test runs gets from the test's own environment: `PATH`, `HOME`, and the engine
    /// (`DOCKER_HOST`, set to run the engine suites against another engine than /var/run/docker.sock).
    static var baseEnvironment: [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": inherited["HOME"] ?? "/root"]
        if let host = inherited["DOCKER_HOST"], !host.isEmpty { environment["DOCKER_HOST"] = host }
        return environment
    }

    /// Under CI the reference must be there: a missing reference fails instead of skipping.
    static var requireReference: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String],
        stdin: Data? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes while the process runs so neither can fill up and block it.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self))
    }
}
