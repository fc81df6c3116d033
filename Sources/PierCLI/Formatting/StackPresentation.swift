import ScaleOut

/// Stack commands' output, worded as `docker stack` words it.
enum StackPresentation {
    static func show(_ event: StackEvent, stack: String, quiet: Bool) {
        if case .warning(let message) = event { return Output.warn(message) }
        guard !quiet else { return }
        let line: String
        switch event {
        case .created(let kind, let name): line = "Creating \(kind) \(name)"
        case .updated(let service): line = "Updating service \(stack)_\(service)"
        case .unchanged(let service): line = "Service \(stack)_\(service) is unchanged"
        case .removed(let kind, let name): line = "Removing \(kind) \(name)"
        case .waiting(let service, let dependency, let condition):
            let state =
                ["service_healthy": "healthy", "service_completed_successfully": "completed"][condition] ?? "started"
            line = "Waiting for \(stack)_\(dependency) to be \(state) (\(stack)_\(service) depends on it)"
        case .progress(let service, let running, let desired):
            line = "\(stack)_\(service): \(running)/\(desired) running"
        case .converged(let service): line = "\(stack)_\(service): converged"
        case .warning: return
        }
        Output.write(line + "\n")
    }

    /// `table` (the Docker CLI's columns) or `json` (one object per line, as `docker --format json`).
    static func render<Item>(
        _ format: String, _ items: [Item], header: [String], fields: (Item) -> [(String, String)]
    ) throws -> String {
        switch format.lowercased() {
        case "table", "":
            return TableFormatter.containers.render([header] + items.map { fields($0).map(\.1) })
        case "json":
            return items.map { item in
                GoJSON.object(fields(item).map { ($0.0, GoJSON.string($0.1)) }).encoded(escapeHTML: false) + "\n"
            }.joined()
        default: throw CommandFailure("format value \"\(format)\" could not be parsed: use table or json")
        }
    }
}
