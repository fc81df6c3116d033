import DockerEngine
import Foundation

/// Follows the engine's event stream for a project's containers so that waits for health and exits are
/// event-driven: the stream opens before any container starts, and every event is kept until asked for.
actor ContainerWatcher {
    enum Outcome: Sendable {
        case healthy
        case unhealthy
        case exited(Int)
    }

    private var health: [String: String] = [:]
    private var exits: [String: Int] = [:]
    private var waiters: [String: [CheckedContinuation<Outcome, any Error>]] = [:]
    private var watching: Task<Void, Never>?
    private var failure: (any Error)?

    /// Opens the event stream for `project`'s containers.
    static func start(client: EngineClient, project: String) async throws -> ContainerWatcher {
        let watcher = ContainerWatcher()
        let events = try await client.events(filters: [
            "type": ["container"], "label": ["com.docker.compose.project=\(project)"],
            "event": ["health_status", "die"],
        ])
        await watcher.watch(events)
        return watcher
    }

    private func watch(_ events: EventStream) {
        watching = Task {
            do {
                for try await event in events { self.record(event) }
            } catch {
                self.fail(error)
            }
        }
    }

    func stop() {
        watching?.cancel()
    }

    private func record(_ event: EngineEvent) {
        let id = event.actor.id
        if event.action.hasPrefix("health_status") {
            health[id] = event.action.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) }
        } else if event.action == "die" {
            exits[id] = Int(event.actor.attributes["exitCode"] ?? "") ?? -1
        }
        resolve(id)
    }

    private func fail(_ error: any Error) {
        failure = error
        for (_, continuations) in waiters { continuations.forEach { $0.resume(throwing: error) } }
        waiters = [:]
    }

    private func resolve(_ id: String) {
        guard let outcome = outcome(of: id), let continuations = waiters.removeValue(forKey: id) else { return }
        continuations.forEach { $0.resume(returning: outcome) }
    }

    private func outcome(of id: String) -> Outcome? {
        if let code = exits[id] { return .exited(code) }
        switch health[id] {
        case "healthy": return .healthy
        case "unhealthy": return .unhealthy
        default: return nil
        }
    }

    /// Records what an inspection found, for containers that were already running when watching began.
    func seed(_ id: String, health status: String?, exitCode: Int?) {
        if let status, health[id] == nil { health[id] = status }
        if let exitCode, exits[id] == nil { exits[id] = exitCode }
        resolve(id)
    }

    /// Waits until the container turns healthy or unhealthy, or exits.
    func next(_ id: String) async throws -> Outcome {
        if let outcome = outcome(of: id) { return outcome }
        if let failure { throw failure }
        return try await withCheckedThrowingContinuation { continuation in
            waiters[id, default: []].append(continuation)
        }
    }

    /// Forgets a container's last health, for a container started again.
    func reset(_ id: String) {
        health[id] = nil
        exits[id] = nil
    }
}
