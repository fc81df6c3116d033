import Foundation
import Orchestration
import Synchronization

/// Writes containers' lines as Docker Compose's log consumer does: `name  | line`, the name padded to one more
/// than the longest name registered so far (so the width grows as containers are met), a colour per container
/// in registration order on a terminal, and status lines such as `web-1 exited with code 0`.
final class LogConsumer: LogSink {
    /// Compose's rainbow: cyan, yellow, green, magenta, blue, then their intense variants.
    private static let rainbow = ["36", "33", "32", "35", "34", "36;1", "33;1", "32;1", "35;1", "34;1"]

    private struct Presenter {
        var color: String?
        var prefix = ""
    }

    private struct State {
        var presenters: [String: Presenter] = [:]
        var nextColor = 0
        /// The prefixes' width: one more than the longest name registered.
        var width = 0
    }

    private let colored: Bool
    private let showsPrefix: Bool
    private let state = Mutex(State())

    init(colored: Bool, showsPrefix: Bool) {
        self.colored = colored
        self.showsPrefix = showsPrefix
    }

    /// Whether colours suit the output, as Compose decides: `--no-color`, `NO_COLOR` and `--ansi never` turn
    /// them off, `--ansi always` on, and otherwise standard output must be a terminal.
    static func wantsColor(noColor: Bool, ansi: String) -> Bool {
        if noColor || ansi == "never" { return false }
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        return ansi == "always" || isatty(STDOUT_FILENO) == 1
    }

    /// Makes `name` known, giving it a colour and widening every prefix if it is the longest yet.
    func register(_ name: String) {
        state.withLock { state in _ = presenter(name, in: &state) }
    }

    /// Writes one line of `name`'s output.
    func log(_ name: String, _ line: String) {
        state.withLock { state in
            let presenter = presenter(name, in: &state)
            Self.write(presenter.prefix + line + "\n")
        }
    }

    /// Writes a line of Compose's own about `name`, after clearing the terminal line.
    func status(_ name: String, _ message: String) {
        state.withLock { state in
            let presenter = presenter(name, in: &state)
            Self.write(Self.paint("\r\u{1B}[K\(name) \(message)\n", presenter.color))
        }
    }

    /// A warning on standard error, between the lines.
    func warn(_ message: String) {
        Output.warn(message)
    }

    private func presenter(_ name: String, in state: inout State) -> Presenter {
        if let known = state.presenters[name] { return known }
        var color: String?
        if colored {
            color = Self.rainbow[state.nextColor]
            state.nextColor = (state.nextColor + 1) % Self.rainbow.count
        }
        state.presenters[name] = Presenter(color: color)
        if showsPrefix {
            // Only a longer name than any before widens (and so rewrites) every prefix.
            let widened = name.utf8.count + 1 > state.width
            state.width = max(state.width, name.utf8.count + 1)
            for key in widened ? Array(state.presenters.keys) : [name] {
                let padded = key + String(repeating: " ", count: max(0, state.width - key.utf8.count))
                let color = state.presenters[key]?.color
                state.presenters[key]?.prefix = Self.paint(padded + " | ", color)
            }
        }
        return state.presenters[name] ?? Presenter(color: color)
    }

    private static func paint(_ text: String, _ color: String?) -> String {
        guard let color else { return text }
        return "\u{1B}[\(color)m\(text)\u{1B}[0m"
    }

    private static func write(_ text: String) {
        Output.write(text)
    }
}
