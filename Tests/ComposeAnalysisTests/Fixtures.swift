import ComposeSpec
import Foundation
import Testing

/// The projects the analysis tests load: the seed stacks (`Tests/Fixtures/seeds`), and small projects written to a
/// scratch directory.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The compose files and env files each seed is run with (its README's command line).
    static let seedFlags: [String: (files: [String], envFiles: [String])] = [
        "000": (["podman-compose.yml"], []),
        "001": (["compose/docker-compose.dev.yml"], ["env/.env.dev"]),
        "002": ([], []), "003": ([], []), "004": ([], []),
    ]

    static func seedDirectory(_ seed: String) -> String { root.appendingPathComponent("seeds/\(seed)").path }

    /// A seed loaded as `pier graph` and `pier lint` load it: every profile enabled.
    static func seed(_ seed: String, profiles: [String] = ["*"]) throws -> LoadedProject {
        var options = ProjectOptions(environment: [:], workingDirectory: seedDirectory(seed))
        options.files = seedFlags[seed]?.files ?? []
        options.envFiles = seedFlags[seed]?.envFiles ?? []
        options.profiles = profiles
        return try ProjectLoader.load(options)
    }

    /// A project from `files` (path → text) in a fresh scratch directory; `compose.yaml` is the compose file.
    static func project(_ files: [String: String], profiles: [String] = ["*"], environment: [String: String] = [:])
        throws -> LoadedProject
    {
        let directory = try scratch(files)
        var options = ProjectOptions(environment: environment, workingDirectory: directory)
        options.profiles = profiles
        return try ProjectLoader.load(options)
    }

    /// A scratch directory holding `files`; its path.
    static func scratch(_ files: [String: String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("pier-analysis-" + String(UInt32.random(in: 0...UInt32.max), radix: 36))
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return directory.path
    }

    /// Runs a tool, with its output; nil when it is not installed.
    static func run(_ arguments: [String], stdin: String = "") throws -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 127 { return nil }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Under `CI=true` a missing tool fails the test instead of skipping it.
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
