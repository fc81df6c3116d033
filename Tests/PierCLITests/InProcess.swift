import Foundation

@testable import PierCLI

/// A command line run in this test process, as `pier` would run it, with what it printed.
struct CommandRun {
    var status: Int32
    var output: String
    var error: String

    /// Runs `arguments` in-process; the output goes to memory, not to the test process's streams.
    static func run(_ arguments: String...) async -> CommandRun {
        await run(arguments: arguments)
    }

    static func run(arguments: [String]) async -> CommandRun {
        let capture = Output.Capture()
        let status = await Output.$capture.withValue(capture) { await Pier.execute(arguments) }
        return CommandRun(status: status, output: capture.output, error: capture.error)
    }
}

/// A compose project in a directory of its own, for commands that read files.
struct ProjectDirectory {
    let path: String

    init(_ compose: String) throws {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("pier-cli-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try compose.write(toFile: file, atomically: true, encoding: .utf8)
    }

    var file: String { path + "/compose.yaml" }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
