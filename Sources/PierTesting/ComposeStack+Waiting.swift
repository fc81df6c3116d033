import DockerEngine
import Foundation
import Orchestration

/// Waiting for a service: its containers' states follow the engine's events; log lines are followed as they are
/// printed; ports and HTTP endpoints are tried every quarter of a second.
extension ComposeStack {
    /// Waits until `condition` holds. Throws a ``WaitFailure`` naming the service, with its last lines, when
    /// `timeout` passes first or the condition can no longer hold.
    public func wait(for condition: WaitCondition, timeout: Duration = .seconds(60)) async throws {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await satisfy(condition) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw Unmet(reason: "timed out after \(Self.words(timeout))", timedOut: true)
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch let unmet as Unmet {
            throw WaitFailure(
                service: condition.service, condition: condition.description, reason: unmet.reason,
                timedOut: unmet.timedOut, logs: await lastLogs(of: condition.service))
        }
    }

    /// Why a wait ended without its condition.
    struct Unmet: Error {
        var reason: String
        var timedOut = false
    }

    private func satisfy(_ condition: WaitCondition) async throws {
        let service = condition.service
        switch condition.check {
        case .state(let goal): try await waitForState(goal, of: service)
        case .log(let matches): try await waitForLine(of: service, matching: matches)
        case .port(let port):
            try await poll(service) {
                let (host, published) = try await endpoint(service: service, port: port)
                return await PortProbe.acceptsConnections(host: host, port: published)
            }
        case .http(let port, let path, let status, let tls):
            try await poll(service) {
                let (host, published) = try await endpoint(service: service, port: port)
                return await PortProbe.status(host: host, port: published, path: path, tls: tls) == status
            }
        }
    }

    /// Checks the containers' states, then again after each engine event about the service's containers.
    private func waitForState(_ goal: WaitCondition.StateGoal, of service: String) async throws {
        let events = try await client.events(filters: [
            "type": ["container"],
            "label": ["\(ComposeLabels.project)=\(name)", "\(ComposeLabels.service)=\(service)"],
        ])
        var next = events.makeAsyncIterator()
        while try await !reached(goal, service: service) {
            guard try await next.next() != nil else { throw Unmet(reason: "the engine closed its event stream") }
        }
    }

    /// Whether every container of `service` is where `goal` says; throws ``Unmet`` when one can no longer get there.
    private func reached(_ goal: WaitCondition.StateGoal, service: String) async throws -> Bool {
        let containers = try await containers(of: service)
        guard !containers.isEmpty else { return false }
        for summary in containers {
            let container = try await client.inspectContainer(summary.id)
            let (state, name) = (container.state, summary.canonicalName)
            let stopped = !state.isRunning && !state.isRestarting && ["exited", "dead"].contains(state.status)
            switch goal {
            case .exited(let code):
                guard stopped else { return false }
                if let code, state.exitCode != code {
                    throw Unmet(reason: "container \(name) exited with code \(state.exitCode), not \(code)")
                }
                continue
            case .running, .healthy, .ready:
                if stopped { throw Unmet(reason: "container \(name) exited with code \(state.exitCode)") }
            }
            guard state.isRunning, !state.isRestarting else { return false }
            if goal == .running || (goal == .ready && state.healthStatus == nil) { continue }
            switch state.healthStatus {
            case nil: throw Unmet(reason: "container \(name) has no healthcheck")
            case "healthy": continue
            case "unhealthy":
                throw Unmet(reason: "container \(name) is unhealthy" + Self.lastHealthcheckOutput(container))
            default: return false
            }
        }
        return true
    }

    /// `; its healthcheck printed: …` with the last check's output, when it printed something.
    private static func lastHealthcheckOutput(_ container: ContainerInspection) -> String {
        let output = container.raw["State"]?["Health"]?["Log"]?.arrayValue?.last?["Output"]?.stringValue ?? ""
        let trimmed = output.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "" : "; its last healthcheck printed: \(trimmed)"
    }

    /// Follows every container's output from its start until a line matches; when all of them stop without one,
    /// the wait fails (or, if the engine restarts one, follows it again).
    private func waitForLine(of service: String, matching matches: @escaping @Sendable (String) -> Bool)
        async throws
    {
        while true {
            let containers = try await containers(of: service)
            let found = try await withThrowingTaskGroup(of: Bool.self) { group in
                for container in containers {
                    group.addTask { try await follow(container.id, until: matches) }
                }
                for try await found in group where found {
                    group.cancelAll()
                    return true
                }
                return false
            }
            if found { return }
            try await requireRunning(service, doing: "without printing such a line")
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    /// Whether the container prints a matching line before its output ends.
    private func follow(_ id: String, until matches: @Sendable (String) -> Bool) async throws -> Bool {
        var splitter = LogLineSplitter()
        for try await frame in try await client.containerLogs(id, options: LogsOptions(follow: true)) {
            if splitter.feed(frame.bytes).contains(where: { matches(Self.withoutReturn($0)) }) { return true }
        }
        return splitter.flush().map { matches(Self.withoutReturn($0)) } ?? false
    }

    /// Tries `probe` every quarter of a second until it holds; fails once no container of the service runs.
    private func poll(_ service: String, _ probe: () async throws -> Bool) async throws {
        while true {
            try await requireRunning(service, doing: "")
            if try await probe() { return }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    /// Throws ``Unmet`` when the service has containers and none of them runs (or is being restarted).
    private func requireRunning(_ service: String, doing what: String) async throws {
        let containers = try await containers(of: service)
        guard !containers.isEmpty, !containers.contains(where: { ["running", "restarting"].contains($0.state) })
        else { return }
        let exits = containers.map { "\($0.canonicalName) \($0.status.lowercased())" }.joined(separator: ", ")
        throw Unmet(reason: "the service stopped\(what.isEmpty ? "" : " " + what) (\(exits))")
    }

    /// The last lines of the service's containers, for a failed wait.
    func lastLogs(of service: String, lines: Int = 20) async -> [ContainerLog] {
        guard let containers = try? await containers(of: service) else { return [] }
        var logs: [ContainerLog] = []
        for container in containers {
            let printed = (try? await ContainerOutput.lines(of: container.id, client: client, tail: lines)) ?? []
            logs.append(ContainerLog(container: container.canonicalName, service: service, lines: printed))
        }
        return logs
    }

    /// `30 seconds`, `1.5 seconds`.
    static func words(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) + Double(attoseconds) / 1e18
        let number = value == value.rounded() ? String(Int64(value)) : String(format: "%g", value)
        return number + (value == 1 ? " second" : " seconds")
    }
}
