import Foundation
import Orchestration

/// How progress is shown: Compose's `--progress` values, chosen as Compose chooses them by default.
enum ProgressMode: String {
    case auto, tty, plain, json, quiet

    /// `auto` is `tty` on a terminal (unless `--ansi never`), `plain` elsewhere.
    func resolved(ansi: String) -> ProgressMode {
        guard self == .auto else { return self }
        if ansi == "never" { return .plain }
        if ansi == "always" { return .tty }
        return isatty(STDERR_FILENO) == 1 ? .tty : .plain
    }
}

/// Writes progress events in one of Compose's formats to standard error, or to standard output with
/// `COMPOSE_STATUS_STDOUT`.
final class ProgressRenderer: Sendable {
    let mode: ProgressMode
    private let live: LiveProgress?
    private let toStandardOutput: Bool
    private let dryRun: Bool

    /// With `dryRun`, each event's object is marked as Compose marks a dry run's.
    init(
        mode: ProgressMode, ansi: String, title: String = "Running", dryRun: Bool = false,
        toStandardOutput: Bool = ComposeVariables.current.statusToStandardOutput
    ) {
        let resolved = mode.resolved(ansi: ansi)
        self.mode = resolved
        self.dryRun = dryRun
        self.toStandardOutput = toStandardOutput
        let colors = ansi != "never" && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) != false
        self.live =
            resolved == .tty ? LiveProgress(title: title, colors: colors, toStandardOutput: toStandardOutput) : nil
    }

    var handler: ProgressHandler {
        { [self] event in self.report(event) }
    }

    func report(_ event: ProgressEvent) {
        // Compose marks a dry run's JSON lines with a member, its other lines with a prefix.
        if mode == .json { return write(Self.json(event, dryRun: dryRun) + "\n") }
        let event = dryRun ? event.dryRun : event
        switch mode {
        case .quiet, .json: return
        case .tty, .auto: live?.update(event)
        case .plain where event.isMessage:
            write(" \(event.resource) \(event.text) \(event.detail ?? "")\n")
        case .plain:
            let detail = event.detail.map { " " + $0 } ?? ""
            write(" \(event.resource)  \(event.text)\(detail)\n")
        }
    }

    /// Draws the final state of a live display; call once the operation is over.
    func finish() {
        live?.finish()
    }

    /// A line of `--progress json`; `dryRun` marks it as Compose marks a dry run's (`"dry-run":true`).
    static func json(_ event: ProgressEvent, dryRun: Bool = false) -> String {
        if event.isMessage { return messageJSON(event, dryRun: dryRun) }
        var members: [String: GoJSON] = ["id": .string(event.resource), "status": .string(event.text)]
        if let detail = event.detail { members[event.status == .error ? "error" : "text"] = .string(detail) }
        if dryRun { members["dry-run"] = .bool(true) }
        return GoJSON.map(members).encoded()
    }

    /// A pull or push line, with Compose's members in its order.
    static func messageJSON(_ event: ProgressEvent, dryRun: Bool = false) -> String {
        var members: [(String, GoJSON)] = dryRun ? [("dry-run", .bool(true))] : []
        members.append(("id", .string(event.resource)))
        if let parent = event.parent { members.append(("parent_id", .string(parent))) }
        members.append(("text", .string(event.text)))
        if let detail = event.detail, !detail.isEmpty { members.append(("status", .string(detail))) }
        if let current = event.current, current != 0 { members.append(("current", .integer(current))) }
        if let total = event.total, total != 0 { members.append(("total", .integer(total))) }
        if let percent = event.percent, percent != 0 { members.append(("percent", .integer(Int64(percent)))) }
        return GoJSON.object(members).encoded()
    }

    private func write(_ text: String) {
        Output.writeStatus(text, toStandardOutput: toStandardOutput)
    }
}
