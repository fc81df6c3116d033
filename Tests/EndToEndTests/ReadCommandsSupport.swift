import Foundation
import PierTestSupport
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
    static func waitForOutput(_ project: ScratchProject, container: String, text: String) async throws {
        for _ in 0..<50 {
            let logs = try await project.docker("logs", container)
            if (logs.stdout + logs.stderr).contains(text) { return }
            try await Task.sleep(for: .seconds(0.1))
        }
        Issue.record("\(container) never printed \(text)")
    }
}
