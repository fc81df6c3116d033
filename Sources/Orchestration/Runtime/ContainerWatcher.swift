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

    private struct Waiter {
        var container: String
        var continuation: CheckedContinuation<Outcome, any Error>
    }

    private var health: [String: String] = [:]
    private var exits: [String: Int] = [:]
    private var waiters: [UUID: Waiter] = [:]
    private var watching: Task<Void, Never>?
    private var failure: (any Error)?

    /// Opens the event stream for `project`'s containers; `body` runs while it is open, and it closes after.
    static func watching<Result: Sendable>(
        client: EngineClient, project: String, _ body: (ContainerWatcher) async throws -> Result
    ) async throws -> Result {
        let watcher = ContainerWatcher()
        let events = try await client.events(filters: [
            "type": ["container"], "label": ["com.docker.compose.project=\(project)"],
            "event": ["health_status", "die", "start"],
        ])
        await watcher.watch(events)
        do {
            let result = try await body(watcher)
            await watcher.stop()
            return result
        } catch {
            await watcher.stop()
            throw error
        }
    }

    private func watch(_ events: EventStream) {
        watching = Task {
            do {
                for try await event in events { self.record(event) }
                self.fail(OrchestrationError(.engine, "the engine closed its event stream"))
            } catch {
                self.fail(error)
            }
        }
    }

    private func stop() {
        watching?.cancel()
        fail(CancellationError())
    }

    private func record(_ event: EngineEvent) {
        let id = event.actor.id
        switch event.action {
        case "start":
            // A restart (by its restart policy) starts over: what it did before no longer counts.
            exits[id] = nil
            health[id] = nil
        case "die":
            exits[id] = Int(event.actor.attributes["exitCode"] ?? "") ?? -1
        default:
            if event.action.hasPrefix("health_status") {
                health[id] = event.action.split(separator: ":").last?.trimmingCharacters(in: .whitespaces)
            }
        }
        resolve(id)
    }

    private func fail(_ error: any Error) {
        if failure == nil { failure = error }
        let pending = waiters
        waiters = [:]
        for waiter in pending.values { waiter.continuation.resume(throwing: error) }
    }

    private func resolve(_ id: String) {
        guard let outcome = outcome(of: id) else { return }
        for (token, waiter) in waiters where waiter.container == id {
            waiters[token] = nil
            waiter.continuation.resume(returning: outcome)
        }
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

    /// Waits until the container turns healthy or unhealthy, or exits; a cancelled task stops waiting.
    func next(_ id: String) async throws -> Outcome {
        if let outcome = outcome(of: id) { return outcome }
        if let failure { throw failure }
        let token = UUID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters[token] = Waiter(container: id, continuation: continuation)
                }
            }
        } onCancel: {
            Task { await self.cancel(token) }
        }
    }

    private func cancel(_ token: UUID) {
        waiters.removeValue(forKey: token)?.continuation.resume(throwing: CancellationError())
    }

    /// Forgets a container's last health, for a container started again.
    func reset(_ id: String) {
        health[id] = nil
        exits[id] = nil
    }
}
