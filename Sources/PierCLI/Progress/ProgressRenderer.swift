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
        let event = dryRun ? event.dryRun : event
        switch mode {
        case .quiet: return
        case .json: write(Self.json(event) + "\n")
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

    static func json(_ event: ProgressEvent) -> String {
        if event.isMessage { return messageJSON(event) }
        var object = ["id": event.resource, "status": event.text]
        if let detail = event.detail { object[event.status == .error ? "error" : "text"] = detail }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// A pull or push line, with Compose's members in its order.
    static func messageJSON(_ event: ProgressEvent) -> String {
        var members: [(String, GoJSON)] = [("id", .string(event.resource))]
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
