import Foundation
import Synchronization

/// Which services one step of an operation has finished (created, started, removed), so each service waits for
/// exactly the services it must follow; a failed one wakes those waiting for it with a `dependencyNotReady` error.
final class ServiceBarrier: Sendable {
    private struct State {
        var finished: [String: Result<Void, OrchestrationError>] = [:]
        var waiters: [UUID: (service: String, continuation: CheckedContinuation<Void, any Error>)] = [:]
    }

    private let state = Mutex(State())

    init() {}

    /// Runs `body` for `service`, then marks the service done or failed, waking those that wait for it (they throw
    /// a `dependencyNotReady` error).
    func run(_ service: String, _ body: () async throws -> Void) async throws {
        do {
            try await body()
            finish(service, .success(()))
        } catch {
            finish(service, .failure(Self.notReady(service, because: error)))
            throw error
        }
    }

    private func finish(_ service: String, _ result: Result<Void, OrchestrationError>) {
        let waiting = state.withLock { state in
            state.finished[service] = result
            let waiting = state.waiters.filter { $0.value.service == service }
            for token in waiting.keys { state.waiters[token] = nil }
            return waiting.values.map(\.continuation)
        }
        for continuation in waiting {
            switch result {
            case .success: continuation.resume()
            case .failure(let error): continuation.resume(throwing: error)
            }
        }
    }

    /// What those waiting for `service` throw when it failed: the failure is reported by `service` itself.
    private static func notReady(_ service: String, because error: any Error) -> OrchestrationError {
        let reason = error is OrchestrationError ? "\(error)" : "service \"\(service)\" failed: \(error)"
        return OrchestrationError(.dependencyNotReady, reason, service: service, underlying: error)
    }

    /// Returns once `service` is done; throws if it failed, or if the waiting task is cancelled.
    func waitFor(_ service: String) async throws {
        let token = UUID()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let finished: Result<Void, OrchestrationError>? = state.withLock { state in
                    if let result = state.finished[service] { return result }
                    if Task.isCancelled { return .failure(OrchestrationError(.cancelled, "cancelled")) }
                    state.waiters[token] = (service, continuation)
                    return nil
                }
                switch finished {
                case .success: continuation.resume()
                case .failure(let error): continuation.resume(throwing: error)
                case nil: break
                }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: token) }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }
}
