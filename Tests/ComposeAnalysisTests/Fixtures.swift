import ComposeSpec
import Foundation
import PierTestSupport
import Testing

/// The projects the analysis tests load: the seed stacks (`Tests/Fixtures/seeds`), and small projects written to a
/// scratch directory.
enum Fixtures {
    static let root = TestSupport.fixtures

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

    /// Runs a tool (looked up on `PATH`) to its end, `stdin` as its input; the tests that call it carry the
    /// trait that requires the tool.
    static func run(_ arguments: [String], stdin: String = "") async throws -> TestSupport.Result {
        try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), arguments, in: TestSupport.repositoryRoot,
            environment: ProcessInfo.processInfo.environment, stdin: Data(stdin.utf8))
    }
}
