import Orchestration

/// The lines `watch` prints for its events, on standard output as Docker Compose prints them in every progress
/// mode; the files a sync carried follow its line under `--verbose`.
enum WatchEventText {
    /// The lines for `event`; none for what Compose does not show.
    static func lines(_ event: WatchEvent, verbose: Bool) -> [String] {
        switch event {
        case .enabled: return ["Watch enabled"]
        case .disabled: return []
        case .syncing(let service, let files, _):
            let header = "Syncing service \"\(service)\" after \(files.count) changes were detected"
            guard verbose else { return [header] }
            return [header] + files.map { "  \($0.isDeletion ? "-" : "+") \($0.containerPath)" }
        case .restarted(let services): return ["service(s) \(list(services)) restarted"]
        case .rebuilding(let services):
            return ["Rebuilding service(s) \(list(services)) after changes were detected..."]
        case .buildOutput(_, let line): return [line]
        case .built(let services): return ["service(s) \(list(services)) successfully built"]
        case .progress: return []
        case .execOutput(let service, _, let line): return ["\(service) | \(line)"]
        case .failed(let failure):
            return ["Error: \(failure.step.rawValue) \(list(failure.services)): \(failure.message)"]
        case .warning(let text): return ["WARN \(text)"]
        }
    }

    /// Services as Go prints a slice of strings with `%q`: `["a" "b"]`.
    static func list(_ services: [String]) -> String {
        "[" + services.map { "\"\($0)\"" }.joined(separator: " ") + "]"
    }
}
