import ComposeSpec
import DockerEngine

/// Looks at a stack's services until they are where a dependency or `--wait` wants them, showing progress; a
/// service that keeps failing is reported with its task's error and last output.
struct StackWatcher: Sendable {
    let client: EngineClient
    let timeout: Duration
    let progress: @Sendable (StackEvent) -> Void

    /// Waits until `service` satisfies `condition` (started, healthy, or completed successfully).
    func waitFor(_ service: DeployedService, condition: ServiceGraph.Condition) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last: ServiceConvergence.Status?
        var runningSince: [String: ContinuousClock.Instant] = [:]
        while true {
            let object = try await client.inspectSwarmObject(.services, service.id)
            let tasks = try await client.listTasks(filters: EngineFilters(["service": [service.id]]))
            let replicas: Int? =
                if case .integer(let count) = object.spec["Mode"]?["Replicated"]?["Replicas"] { Int(count) } else {
                    nil
                }
            let now = clock.now
            runningSince = Dictionary(
                uniqueKeysWithValues: tasks.filter { $0.state == "running" }.map { ($0.id, runningSince[$0.id] ?? now) }
            )
            let monitor = Self.monitor(of: object.spec)
            let status = ServiceConvergence.assess(
                tasks: tasks, template: object.spec["TaskTemplate"], replicas: replicas, condition: condition,
                steady: Set(runningSince.filter { now - $0.value >= monitor }.keys))
            switch status {
            case .reached:
                return
            case .failing(let taskID, let error):
                let lines = (try? await client.taskLogs(taskID, tail: 5)) ?? []
                throw StackError(
                    "service \(service.name) keeps failing: \(error)"
                        + (lines.isEmpty ? "" : "\nlast output:\n" + lines.map { "  " + $0 }.joined(separator: "\n")))
            case .waiting(let running, let desired):
                if status != last { progress(.progress(service: service.name, running: running, desired: desired)) }
            }
            last = status
            guard clock.now < deadline else {
                throw StackError("service \(service.name) did not converge within \(timeout)")
            }
            try await Task.sleep(for: .seconds(1))
        }
    }

    /// How long a task must run before it counts: the update config's `Monitor` (nanoseconds), else the default.
    static func monitor(of spec: JSONValue) -> Duration {
        guard case .integer(let nanoseconds) = spec["UpdateConfig"]?["Monitor"] else {
            return ServiceConvergence.defaultMonitor
        }
        return .nanoseconds(nanoseconds)
    }

    /// Waits until every service's tasks run (and are healthy, when they check health), in order.
    func converge(_ services: [DeployedService]) async throws {
        for service in services {
            let object = try await client.inspectSwarmObject(.services, service.id)
            let mode = object.spec["Mode"]
            // Jobs, and services that are not restarted, run to completion.
            let runsOnce =
                mode?["ReplicatedJob"] != nil || mode?["GlobalJob"] != nil
                || object.spec["TaskTemplate"]?["RestartPolicy"]?["Condition"] == .string("none")
            try await waitFor(service, condition: runsOnce ? .completedSuccessfully : .healthy)
            progress(.converged(service: service.name))
        }
    }
}
