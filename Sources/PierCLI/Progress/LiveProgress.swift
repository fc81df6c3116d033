import Foundation
import Orchestration
import Synchronization

/// The terminal display: one line per resource, redrawn in place, with how long each took.
final class LiveProgress: Sendable {
    private struct Line {
        var event: ProgressEvent
        var started: ContinuousClock.Instant
        var finished: ContinuousClock.Instant?
    }

    private struct State {
        var lines: [Line] = []
        var drawnLines = 0
        var frame = 0
        var lastDraw: ContinuousClock.Instant?
        var ticker: Task<Void, Never>?
    }

    private let title: String
    private let colors: Bool
    private let toStandardOutput: Bool
    private let state = Mutex(State())
    private static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    init(title: String, colors: Bool, toStandardOutput: Bool = false) {
        self.title = title
        self.colors = colors
        self.toStandardOutput = toStandardOutput
    }

    func update(_ event: ProgressEvent) {
        let now = ContinuousClock.now
        state.withLock { state in
            if state.ticker == nil { state.ticker = startTicker() }
            let index = state.lines.firstIndex {
                $0.event.resource == event.resource && $0.event.parent == event.parent
            }
            if let index {
                state.lines[index].event = event
                state.lines[index].finished = event.status == .working ? nil : now
            } else {
                state.lines.append(Line(event: event, started: now, finished: event.status == .working ? nil : now))
            }
            // Redraw at most every 50 ms, and always when something finishes.
            if event.status != .working || state.lastDraw.map({ now - $0 > .milliseconds(50) }) ?? true {
                draw(&state, now: now)
            }
        }
    }

    func finish() {
        state.withLock { state in
            state.ticker?.cancel()
            state.ticker = nil
            guard !state.lines.isEmpty else { return }
            draw(&state, now: .now)
            // What comes next (container output, another operation) starts below, never over, this block.
            state.lines = []
            state.drawnLines = 0
        }
    }

    /// Spinners turn and times count while something is still working, even when no event comes.
    private func startTicker() -> Task<Void, Never> {
        Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                guard let self, !Task.isCancelled else { return }
                self.state.withLock { state in
                    if state.lines.contains(where: { $0.event.status == .working }) { self.draw(&state, now: .now) }
                }
            }
        }
    }

    private func draw(_ state: inout State, now: ContinuousClock.Instant) {
        state.frame += 1
        state.lastDraw = now
        var output = String(repeating: "\u{1B}[1A", count: state.drawnLines) + "\r"
        let done = state.lines.filter { $0.event.status != .working }.count
        output +=
            paint("[+] \(title) \(done)/\(state.lines.count)", done == state.lines.count ? "34" : nil) + "\u{1B}[K\n"
        // Layers show under their image while it is being pulled or pushed, and fold away once it is done.
        let shown = state.lines.filter { $0.event.parent == nil }.flatMap { line in
            let children = state.lines.filter { $0.event.parent == line.event.resource }
            return [(line, 0)] + (line.event.status == .working ? children.map { ($0, 3) } : [])
        }
        let width = shown.map { $0.0.event.resource.count + $0.1 }.max() ?? 0
        for (line, indent) in shown {
            let event = line.event
            let (mark, color) = Self.mark(event.status, frame: state.frame)
            let elapsed = (line.finished ?? now) - line.started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let text = event.detail.map { "\(event.text) \($0)" } ?? event.text
            output +=
                String(repeating: " ", count: indent + 1) + paint(mark, color) + " "
                + event.resource.padding(toLength: width + 1 - indent, withPad: " ", startingAt: 0)
            output += " " + paint(text, event.status == .working ? nil : color)
            output += " " + paint(String(format: "%.1fs", seconds), "34") + "\u{1B}[K\n"
        }
        // Lines folded away since the last frame are cleared.
        output += "\u{1B}[J"
        state.drawnLines = shown.count + 1
        Output.writeStatus(output, toStandardOutput: toStandardOutput)
    }

    private static func mark(_ status: ProgressEvent.Status, frame: Int) -> (String, String?) {
        switch status {
        case .working: return (spinner[frame % spinner.count], "33")
        case .done: return ("✔", "32")
        case .warning: return ("!", "33")
        case .error: return ("✘", "31")
        }
    }

    private func paint(_ text: String, _ color: String?) -> String {
        guard colors, let color else { return text }
        return "\u{1B}[\(color)m\(text)\u{1B}[0m"
    }
}
