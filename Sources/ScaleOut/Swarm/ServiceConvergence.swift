import ComposeSpec
import DockerEngine
import Foundation

/// Where a service stands, from its tasks: a pure value, assessed afresh at each look at the manager (tested on its
/// own). Only the tasks of the service's current spec count: during a rolling update, the old ones are still there.
enum ServiceConvergence {
    enum Status: Sendable, Equatable {
        /// `running` of `desired` tasks are where the condition wants them.
        case waiting(running: Int, desired: Int)
        case reached
        /// The condition cannot be reached: a task failed too often (or, for a one-shot service, at all).
        case failing(taskID: String, error: String)
    }

    /// How many failed tasks of one spec mean the service keeps failing.
    static let failureLimit = 3

    /// How long a task must have been seen running to count for `healthy`, unless the service's update config says
    /// otherwise: a task that fails at once is `running` for a moment, as `docker service create` verifies too.
    static let defaultMonitor: Duration = .seconds(5)

    /// The status of a service whose current task template is `template`, that wants `replicas` tasks (nil for a
    /// global service), under `condition`. `steady` holds the tasks seen running for the monitor period: only they
    /// count as healthy.
    static func assess(
        tasks: [SwarmTask], template: JSONValue?, replicas: Int?, condition: ServiceGraph.Condition,
        steady: Set<String>
    ) -> Status {
        let current = tasks.filter { template == nil || isCurrent($0, template: template) }
        let failed = current.filter { ["failed", "rejected"].contains($0.state) }.sorted { $0.timestamp > $1.timestamp }
        let live = current.filter { $0.desiredState == "running" }
        switch condition {
        case .completedSuccessfully:
            if current.contains(where: { $0.state == "complete" }) { return .reached }
            if let last = failed.first { return .failing(taskID: last.id, error: describe(last)) }
            return .waiting(running: 0, desired: 1)
        case .started:
            if live.contains(where: { ["starting", "running"].contains($0.state) }) { return .reached }
        case .healthy:
            let running = live.filter { $0.state == "running" && steady.contains($0.id) }.count
            let desired = replicas ?? max(live.count, 1)
            if running >= desired { return .reached }
            if failed.count >= failureLimit, let last = failed.first {
                return .failing(taskID: last.id, error: describe(last))
            }
            return .waiting(running: running, desired: desired)
        }
        if failed.count >= failureLimit, let last = failed.first {
            return .failing(taskID: last.id, error: describe(last))
        }
        return .waiting(running: 0, desired: replicas ?? max(live.count, 1))
    }

    /// The running tasks that have run for `monitor`: by their own timestamps read on the manager's clock
    /// (`managerNow`), or for as long as Pier has seen them running (`seenFor`), whichever is longer; so a task
    /// that ran long before the wait began counts at once, and one without a readable timestamp once seen long enough.
    static func steady(
        _ running: [SwarmTask], seenFor: [String: Duration], managerNow: Date, monitor: Duration
    ) -> Set<String> {
        Set(
            running.filter { task in
                let stamped = EngineTime.date(task.timestamp).map { Duration.seconds(managerNow.timeIntervalSince($0)) }
                return max(stamped ?? .zero, seenFor[task.id] ?? .zero) >= monitor
            }.map(\.id))
    }

    /// Whether a task was made from `template`. The manager stores a few keys in one but not the other
    /// (`Runtime`), so the parts a deploy sets are compared.
    static func isCurrent(_ task: SwarmTask, template: JSONValue?) -> Bool {
        ["ContainerSpec", "Resources", "Placement", "RestartPolicy", "Networks", "LogDriver"].allSatisfy {
            task.raw["Spec"]?[$0] == template?[$0]
        }
    }

    /// A failed task in words: its error, else its message and exit code.
    static func describe(_ task: SwarmTask) -> String {
        var text = task.error ?? task.message
        if let code = task.exitCode, code != 0, !text.contains("exit code") { text += " (exit code \(code))" }
        return text
    }
}
