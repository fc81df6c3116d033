import Foundation
import Subprocess
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A command a test started and acts on while it runs: what it printed so far, its input, signals, its end.
/// Its outputs are read as it writes them (neither pipe can fill up and stall it), and nothing here blocks a thread.
package final class RunningCommand: Sendable {
    private let processIdentifier: pid_t
    private let writer: StandardInputWriter
    private let printed = Mutex((stdout: [UInt8](), stderr: [UInt8]()))

    init(processIdentifier: pid_t, writer: StandardInputWriter) {
        self.processIdentifier = processIdentifier
        self.writer = writer
    }

    /// Everything the command printed on its standard output so far (both outputs when they are merged).
    package var stdout: String { printed.withLock { String(decoding: $0.stdout, as: UTF8.self) } }

    /// Everything the command printed on its standard error so far.
    package var stderr: String { printed.withLock { String(decoding: $0.stderr, as: UTF8.self) } }

    func append(_ bytes: SubprocessOutputSequence.Buffer, toErrors: Bool) {
        bytes.withUnsafeBytes { buffer in
            printed.withLock { toErrors ? $0.stderr.append(contentsOf: buffer) : $0.stdout.append(contentsOf: buffer) }
        }
    }

    /// Writes `data` to the command's standard input.
    package func write(_ data: Data) async throws {
        _ = try await writer.write(Array(data))
    }

    /// Closes the command's standard input: it reads the end of its input.
    package func closeInput() async throws {
        try await writer.finish()
    }

    /// Sends `signal` (`SIGINT` as a terminal's Ctrl+C, `SIGKILL`…) to the command.
    package func send(_ signal: Int32) {
        kill(processIdentifier, signal)
    }

    /// Whether the command has ended (it is not reaped here: its status stays for the end of the launch).
    package var hasExited: Bool {
        var info = siginfo_t()
        let result = waitid(P_PID, id_t(processIdentifier), &info, WEXITED | WNOHANG | WNOWAIT)
        return result != 0 || info._sifields._sigchld.si_pid == processIdentifier
    }

    /// Waits up to `seconds` for the command to end; whether it did.
    @discardableResult
    package func waitForExit(seconds: Double) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while !hasExited {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }

    /// Waits up to `seconds` for `text` on the standard output (both outputs when merged); what it printed.
    @discardableResult
    package func waitForOutput(containing text: String, seconds: Double = 15) async -> String {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var exited: ContinuousClock.Instant?
        while !stdout.contains(text), ContinuousClock.now < deadline {
            // What an ended command printed last may still be on its way through the pipe.
            if exited == nil, hasExited { exited = .now }
            if let exited, ContinuousClock.now - exited > .milliseconds(300) { break }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return stdout
    }
}
