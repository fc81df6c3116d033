import ComposeSpec
import Orchestration

/// `pier plan` as text (a table of the steps that change something, with their reasons) or JSON (every step).
enum PlanPresentation {
    /// One row per change: action, object, service, and why; or a line saying there is none.
    static func text(_ steps: [PlanStep], directory: String) -> String {
        let changes = steps.filter { $0.action != .keep }
        guard !changes.isEmpty else { return "Nothing to do: the project is up to date.\n" }
        let rows = changes.map { step in
            [step.action.rawValue, step.resource, step.service ?? "", reasons(step, directory: directory)]
        }
        return TableFormatter(minimumWidth: 4, padding: 2).render([["ACTION", "OBJECT", "SERVICE", "WHY"]] + rows)
    }

    /// `{"project": …, "steps": [{"kind", "name", "action", "service", "reasons": [{"input", "detail",
    /// "location"}], "starts"}]}`, every step included.
    static func json(_ steps: [PlanStep], project: String) -> String {
        let items = steps.map { step -> GoJSON in
            var members: [(String, GoJSON)] = [
                ("kind", .string(step.kind.rawValue.lowercased())), ("name", .string(step.name)),
                ("action", .string(step.action.rawValue)),
            ]
            if let service = step.service { members.append(("service", .string(service))) }
            members.append(("reasons", .array(step.reasons.map(reason))))
            if step.kind == .container { members.append(("starts", .bool(step.starts))) }
            if let error = step.error { members.append(("error", .string(error.message))) }
            return .object(members)
        }
        return GoJSON.object([("project", .string(project)), ("steps", .array(items))]).encoded() + "\n"
    }

    private static func reason(_ reason: PlanReason) -> GoJSON {
        var members: [(String, GoJSON)] = [("input", .string(reason.input))]
        if let detail = reason.detail { members.append(("detail", .string(detail))) }
        if let location = reason.location { members.append(("location", .string(location.description))) }
        return .object(members)
    }

    /// `environment.DB_URL (compose.yaml:7:17), ports[0] (compose.yaml:9:9)`: files relative to `directory`.
    private static func reasons(_ step: PlanStep, directory: String) -> String {
        if let error = step.error { return error.message }
        return step.reasons.map { reason in
            guard var location = reason.location else { return reason.description }
            if location.file.hasPrefix(directory + "/") { location.file.removeFirst(directory.count + 1) }
            return "\(reason) (\(location))"
        }.joined(separator: ", ")
    }
}

extension ProgressEvent {
    /// The event as a dry run reports it: its object prefixed as Docker Compose prefixes it.
    var dryRun: ProgressEvent {
        var event = self
        event.resource = DryRun.marker + resource
        return event
    }
}
