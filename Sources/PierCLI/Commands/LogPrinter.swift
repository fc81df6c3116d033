import Foundation
import Orchestration
import Synchronization

/// Prints containers' lines as Compose does: `name  | text`, names padded to the longest, a colour per service.
final class LogPrinter: Sendable {
    private static let palette = ["36", "33", "32", "35", "34", "96", "93", "92", "95", "94"]
    private let width: Int
    private let colors: [String: String]
    private let prefix: Bool
    private let output = Mutex(())

    init(containers: [ObservedContainer], colored: Bool, prefix: Bool) {
        width = containers.map(\.name.count).max() ?? 0
        var colors: [String: String] = [:]
        if colored {
            for (index, service) in Set(containers.map(\.service)).sorted().enumerated() {
                colors[service] = Self.palette[index % Self.palette.count]
            }
        }
        self.colors = colors
        self.prefix = prefix
    }

    /// Whether colours suit the output: a terminal, no `NO_COLOR`, no `--no-color` or `--ansi never`.
    static func wantsColor(noColor: Bool, ansi: String) -> Bool {
        if noColor || ansi == "never" { return false }
        if ProcessInfo.processInfo.environment["NO_COLOR"].map({ !$0.isEmpty }) == true { return false }
        return ansi == "always" || isatty(STDOUT_FILENO) == 1
    }

    func print(_ line: LogLine) {
        write(prefix ? label(line.container, service: line.service) + line.text : line.text)
    }

    /// A line of Compose's own, such as `web-1 exited with code 0`.
    func notice(_ text: String, service: String) {
        write(paint(text, colors[service]))
    }

    private func label(_ container: String, service: String) -> String {
        paint(container.padding(toLength: width, withPad: " ", startingAt: 0) + "  | ", colors[service])
    }

    private func paint(_ text: String, _ color: String?) -> String {
        guard let color else { return text }
        return "\u{1B}[\(color)m\(text)\u{1B}[0m"
    }

    private func write(_ text: String) {
        output.withLock { _ in FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
    }
}
