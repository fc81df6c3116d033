import DockerEngine
import Orchestration

/// What the page's live feed does about each engine event, decided without I/O so each rule is tested on its own:
/// which views are stale (the project list, the selected project), and which containers' stats to follow. Events
/// that change nothing the page shows (a plain `exec_start`, `attach`, a `top`) leave everything as it is.
struct FeedState: Sendable, Hashable {
    /// The project whose detail the page shows, if any.
    let selected: String?
    /// Whether the project list must be read again.
    private(set) var projectsStale = false
    /// Whether the selected project must be read again.
    private(set) var detailStale = false

    enum Action: Sendable, Hashable {
        /// A container of the selected project started: follow its stats.
        case followStats(id: String)
        /// It stopped or went away.
        case stopStats(id: String)
    }

    init(selected: String?) {
        self.selected = selected
    }

    /// Actions that change a container's state, as the page shows it.
    static let stateChanges: Set<String> = [
        "create", "start", "restart", "die", "stop", "kill", "pause", "unpause", "destroy", "rename", "oom",
    ]

    mutating func handle(_ event: EngineEvent) -> [Action] {
        guard event.type == "container", event.actor.attributes[ComposeLabels.oneOff] != "True",
            let project = event.actor.attributes[ComposeLabels.project]
        else { return [] }
        let isSelected = project == selected
        let action = event.action
        if Self.stateChanges.contains(action) || action.hasPrefix("health_status") {
            projectsStale = projectsStale || Self.stateChanges.contains(action)
            detailStale = detailStale || isSelected
        } else if action.hasPrefix("exec_die"), isSelected {
            // A health check ran (its output is new); a user's `exec` ending costs one read.
            detailStale = true
        }
        guard isSelected else { return [] }
        switch action {
        case "start": return [.followStats(id: event.actor.id)]
        case "die", "destroy": return [.stopStats(id: event.actor.id)]
        default: return []
        }
    }

    /// What is stale, which is then taken as read.
    mutating func takeStale() -> (projects: Bool, detail: Bool) {
        defer {
            projectsStale = false
            detailStale = false
        }
        return (projectsStale, detailStale)
    }
}
