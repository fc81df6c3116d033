import Foundation
import Synchronization

/// The process's standard output and error, each text written at once (not buffered): every command prints
/// through here.
enum Output {
    /// Where output goes instead of the process's streams while set: commands run in-process (by tests) write
    /// into it.
    @TaskLocal static var capture: Capture?

    /// Output kept in memory rather than written.
    final class Capture: Sendable {
        private let texts = Mutex((output: "", error: ""))

        init() {}

        /// What was written to standard output.
        var output: String { texts.withLock { $0.output } }
        /// What was written to standard error.
        var error: String { texts.withLock { $0.error } }

        fileprivate func append(_ text: String, toError: Bool) {
            texts.withLock { toError ? $0.error.append(text) : $0.output.append(text) }
        }
    }

    /// Writes `text` to standard output as is.
    static func write(_ text: String) {
        if let capture { return capture.append(text, toError: false) }
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes each line to standard output, followed by a newline.
    static func writeLines(_ lines: [String]) {
        write(lines.map { $0 + "\n" }.joined())
    }

    /// Writes `text` to standard error as is.
    static func writeError(_ text: String) {
        if let capture { return capture.append(text, toError: true) }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Progress: on standard error, or on standard output (`COMPOSE_STATUS_STDOUT`).
    static func writeStatus(_ text: String, toStandardOutput: Bool) {
        if toStandardOutput { write(text) } else { writeError(text) }
    }

    /// A warning on standard error, as Docker Compose prints its own (`WARN[0000] message`), unless `--log-level`
    /// asks for errors only.
    static func warn(_ message: String) {
        guard GlobalOptions.current.logs("warn") else { return }
        writeError("WARN[0000] " + message + "\n")
    }

    /// A debug message on standard error (`DEBU[0000] message`), with `--log-level debug`, `-D` or `--verbose`.
    static func debug(_ message: String) {
        guard GlobalOptions.current.logs("debug") else { return }
        writeError("DEBU[0000] " + message + "\n")
    }
}
