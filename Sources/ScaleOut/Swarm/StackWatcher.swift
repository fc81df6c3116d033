import ComposeSpec
import DockerEngine
import Foundation

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
        var seenRunning: [String: ContinuousClock.Instant] = [:]
        let offset = await managerClockOffset()
        while true {
            let object = try await client.inspectSwarmObject(.services, service.id)
            let tasks = try await client.listTasks(filters: EngineFilters(["service": [service.id]]))
            let replicas: Int? =
                if case .integer(let count) = object.spec["Mode"]?["Replicated"]?["Replicas"] { Int(count) } else {
                    nil
                }
            let now = clock.now
            let running = tasks.filter { $0.state == "running" }
            seenRunning = Dictionary(uniqueKeysWithValues: running.map { ($0.id, seenRunning[$0.id] ?? now) })
            let steady = ServiceConvergence.steady(
                running, seenFor: seenRunning.mapValues { now - $0 }, managerNow: Date().addingTimeInterval(offset),
                monitor: Self.monitor(of: object.spec))
            let status = ServiceConvergence.assess(
                tasks: tasks, template: object.spec["TaskTemplate"], replicas: replicas, condition: condition,
                steady: steady)
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

    /// How far the manager's clock is ahead of this machine's (its `SystemTime`), so that task timestamps are read
    /// on its clock; none when it does not say.
    private func managerClockOffset() async -> TimeInterval {
        let before = Date()
        guard let info = try? await client.info(), let text = info.raw["SystemTime"]?.stringValue,
            let managerTime = EngineTime.date(text)
        else { return 0 }
        return managerTime.timeIntervalSince(before.addingTimeInterval(Date().timeIntervalSince(before) / 2))
    }

    /// Waits until every service's tasks run (and are healthy, when they check health), all services at once;
    /// the first that fails ends the wait.
    func converge(_ services: [DeployedService]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services {
                group.addTask {
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
            try await group.waitForAll()
        }
    }
}
