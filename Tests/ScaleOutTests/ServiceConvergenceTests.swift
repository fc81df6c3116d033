import ComposeSpec
import DockerEngine
import Foundation
import Testing

@testable import ScaleOut

/// Where a service stands from its tasks, with no manager.
@Suite struct ServiceConvergenceTests {
    static let template: JSONValue = ["ContainerSpec": ["Image": "web:2"]]
    static let old: JSONValue = ["ContainerSpec": ["Image": "web:1"]]
    /// Every task named in these tests that runs has run for the monitor period.
    static let steady: Set<String> = ["a", "b", "c"]

    static func task(
        _ id: String, state: String, desired: String = "running", spec: JSONValue = template, error: String? = nil,
        at time: String = "2026-12-07T10:00:00Z"
    ) throws -> SwarmTask {
        var status: [String: JSONValue] = ["State": .string(state), "Timestamp": .string(time)]
        if let error { status["Err"] = .string(error) }
        let raw: JSONValue = [
            "ID": .string(id), "ServiceID": "s", "DesiredState": .string(desired), "Status": .object(status),
            "Spec": spec,
        ]
        return try JSONDecoder().decode(SwarmTask.self, from: JSONEncoder().encode(raw))
    }

    @Test func healthyOnceEveryReplicaOfTheCurrentSpecRuns() throws {
        let tasks = [try Self.task("a", state: "running"), try Self.task("b", state: "starting")]
        #expect(
            ServiceConvergence.assess(
                tasks: tasks, template: Self.template, replicas: 2, condition: .healthy, steady: Self.steady)
                == .waiting(running: 1, desired: 2))
        #expect(
            ServiceConvergence.assess(
                tasks: tasks, template: Self.template, replicas: 2, condition: .started, steady: Self.steady)
                == .reached)
        let rolled = tasks + [try Self.task("c", state: "running", spec: Self.old)]
        #expect(
            ServiceConvergence.assess(
                tasks: rolled, template: Self.template, replicas: 2, condition: .healthy, steady: Self.steady)
                == .waiting(running: 1, desired: 2), "a task of the old spec does not count")
        let done = [try Self.task("a", state: "running"), try Self.task("b", state: "running")]
        #expect(
            ServiceConvergence.assess(
                tasks: done, template: Self.template, replicas: 2, condition: .healthy, steady: Self.steady)
                == .reached)
    }

    @Test func aTaskCountsOnceItHasRunForTheMonitorPeriod() throws {
        let tasks = [try Self.task("a", state: "running")]
        #expect(
            ServiceConvergence.assess(
                tasks: tasks, template: Self.template, replicas: 1, condition: .healthy, steady: [])
                == .waiting(running: 0, desired: 1), "a task that fails at once is running for a moment")
        #expect(
            ServiceConvergence.assess(
                tasks: tasks, template: Self.template, replicas: 1, condition: .healthy, steady: ["a"]) == .reached)
    }

    @Test func failingAfterRepeatedFailuresWithTheLatestError() throws {
        let tasks = try (1...3).map {
            try Self.task(
                "t\($0)", state: "failed", desired: "shutdown", error: "exit \($0)", at: "2026-12-07T10:00:0\($0)Z")
        }
        #expect(
            ServiceConvergence.assess(
                tasks: Array(tasks.prefix(2)), template: Self.template, replicas: 1, condition: .healthy,
                steady: Self.steady)
                == .waiting(running: 0, desired: 1))
        #expect(
            ServiceConvergence.assess(
                tasks: tasks, template: Self.template, replicas: 1, condition: .healthy, steady: Self.steady)
                == .failing(taskID: "t3", error: "exit 3"))
    }

    @Test func completedOnceATaskCompletes() throws {
        let running = [try Self.task("a", state: "running")]
        #expect(
            ServiceConvergence.assess(
                tasks: running, template: Self.template, replicas: 1, condition: .completedSuccessfully,
                steady: Self.steady)
                == .waiting(running: 0, desired: 1))
        let complete = [try Self.task("a", state: "complete", desired: "shutdown")]
        #expect(
            ServiceConvergence.assess(
                tasks: complete, template: Self.template, replicas: 1, condition: .completedSuccessfully,
                steady: Self.steady)
                == .reached)
        let failed = [try Self.task("a", state: "failed", desired: "shutdown", error: "task: non-zero exit (1)")]
        #expect(
            ServiceConvergence.assess(
                tasks: failed, template: Self.template, replicas: 1, condition: .completedSuccessfully,
                steady: Self.steady)
                == .failing(taskID: "a", error: "task: non-zero exit (1)"))
    }

    /// A task counts as steady once it has run for the monitor period: by its own timestamp on the manager's clock,
    /// or for as long as it was seen running, whichever is longer.
    @Test func aTaskIsSteadyOnceItHasRunForTheMonitorPeriod() throws {
        let managerNow = try #require(EngineTime.date("2026-12-07T10:00:10Z"))
        let running = [
            try Self.task("long", state: "running", at: "2026-12-07T10:00:00.5Z"),
            try Self.task("fresh", state: "running", at: "2026-12-07T10:00:08Z"),
            try Self.task("unstamped", state: "running", at: ""),
            try Self.task("seen", state: "running", at: "2026-12-07T10:00:09Z"),
        ]
        let steady = ServiceConvergence.steady(
            running, seenFor: ["fresh": .seconds(1), "unstamped": .seconds(6), "seen": .seconds(5)],
            managerNow: managerNow, monitor: .seconds(5))
        #expect(steady == ["long", "unstamped", "seen"])
        #expect(
            ServiceConvergence.steady(running, seenFor: [:], managerNow: managerNow, monitor: .seconds(10)).isEmpty)
    }
}
