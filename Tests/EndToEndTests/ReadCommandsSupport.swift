import Foundation
import Synchronization
import Testing

/// Comparing read commands' output with the reference's, where a second may pass between the two runs.
enum ReadCommandsSupport {
    /// Human durations (`3 seconds ago`, `Up About a minute`, `Less than a second`) become `<time>`, and runs of
    /// spaces (which align columns around them) one space.
    static func normalized(_ text: String) -> String {
        var result = text.replacingOccurrences(
            of:
                #"(Less than a second|About an? (minute|hour)|\d+ (seconds?|minutes?|hours?|days?|weeks?|months?|years?))"#,
            with: "<time>", options: .regularExpression)
        result = result.replacingOccurrences(of: #" {2,}"#, with: " ", options: .regularExpression)
        return result
    }

    /// `pier`'s output is the reference's: byte for byte, or, when a duration ticked over between the runs,
    /// once durations are normalized. Statuses and standard errors must match too.
    static func expectSame(
        _ pier: TestSupport.Result, _ reference: TestSupport.Result, _ command: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if pier.stdout != reference.stdout {
            #expect(
                normalized(pier.stdout) == normalized(reference.stdout), "stdout of \(command)",
                sourceLocation: sourceLocation)
        }
        #expect(pier.status == reference.status, "status of \(command): \(pier.stderr)", sourceLocation: sourceLocation)
        #expect(pier.stderr == reference.stderr, "stderr of \(command)", sourceLocation: sourceLocation)
    }

    /// Log lines with the padding of their prefix (which grows as containers are met, in an order that varies)
    /// made one space, sorted: the lines of several containers interleave differently from run to run.
    static func logLines(_ output: String) -> [String] {
        // By scalars: a terminal's `\r\n` is one Character, which `split(separator: "\n")` would not cut.
        output.unicodeScalars.split(separator: "\n").map { String(String.UnicodeScalarView($0)) }.map {
            $0.replacingOccurrences(of: #"^(\S+) +\| "#, with: "$1 | ", options: .regularExpression)
        }.sorted()
    }

    /// Waits for a container's output to show `text` (containers print as they start, after `up -d` returns).
    static func waitForOutput(_ project: ScratchProject, container: String, text: String) throws {
        for _ in 0..<50 {
            let logs = try project.docker("logs", container)
            if (logs.stdout + logs.stderr).contains(text) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("\(container) never printed \(text)")
    }
}

/// A command running in the background while the test acts on the engine.
final class BackgroundCommand {
    private let process: Process
    private let output = CollectedOutput()
    private let finished = DispatchGroup()

    init(_ executable: URL, _ arguments: [String], in project: ScratchProject) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = project.directory
        process.environment = project.environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        finished.enter()
        let reading = pipe.fileHandleForReading
        DispatchQueue.global().async { [output, finished] in
            let data = reading.readDataToEndOfFile()
            output.data.withLock { $0 = data }
            finished.leave()
        }
    }

    static func pier(_ arguments: String..., in project: ScratchProject) throws -> BackgroundCommand {
        try BackgroundCommand(TestSupport.pierBinary, arguments, in: project)
    }

    static func reference(_ arguments: String..., in project: ScratchProject) throws -> BackgroundCommand {
        let binary = try #require(TestSupport.referenceCompose, "the reference Docker Compose is not installed")
        return try BackgroundCommand(binary, arguments, in: project)
    }

    /// Waits for the command to end by itself, interrupting it after `timeout` seconds; its status (nil when it
    /// had to be interrupted) and everything it printed.
    func finish(timeout: TimeInterval) -> (status: Int32?, output: String) {
        var status: Int32?
        if finished.wait(timeout: .now() + timeout) == .success {
            process.waitUntilExit()
            status = process.terminationStatus
        } else {
            interrupt()
        }
        return (status, output.data.withLock { String(decoding: $0, as: UTF8.self) })
    }

    /// Stops the command (SIGTERM) and waits for its output.
    func interrupt() {
        if process.isRunning { process.terminate() }
        _ = finished.wait(timeout: .now() + 5)
        process.waitUntilExit()
    }
}

/// What a background command printed, filled in by the thread reading its pipe.
private final class CollectedOutput: Sendable {
    let data = Mutex(Data())
}
