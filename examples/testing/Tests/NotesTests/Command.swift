import Foundation

/// A child process run to its end, its standard output and error together.
enum Command {
    struct Output {
        var status: Int32
        var reason: Process.TerminationReason
        var text: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) async throws
        -> Output
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("command-\(UUID()).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            process.terminationHandler = { _ in finished.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                finished.resume()
            }
        }
        try handle.close()
        guard process.processIdentifier != 0 else { throw CommandFailure(description: "\(executable) did not start") }
        return Output(
            status: process.terminationStatus, reason: process.terminationReason,
            text: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}

struct CommandFailure: Error, CustomStringConvertible {
    var description: String
}
