import Synchronization

/// Which services an operation has brought up so far, so each service waits for exactly what it depends on;
/// and their containers, for attributes that name another service's container (`network_mode: service:db`).
final class ServiceRegistry: Sendable {
    private struct State {
        var containers: [String: [ServiceContainer]] = [:]
        var finished: [String: Result<Void, RuntimeError>] = [:]
        var waiters: [String: [CheckedContinuation<Void, any Error>]] = [:]
    }

    private let state = Mutex(State())

    init(existing: [ObservedContainer]) {
        state.withLock { state in
            for container in existing {
                state.containers[container.service, default: []].append(
                    ServiceContainer(id: container.id, name: container.name, number: container.number))
            }
        }
    }

    var resolver: ContainerResolver {
        ContainerResolver { service in self.state.withLock { $0.containers[service] ?? [] } }
    }

    func containers(of service: String) -> [ServiceContainer] {
        state.withLock { $0.containers[service] ?? [] }
    }

    func setContainers(_ containers: [ServiceContainer], of service: String) {
        state.withLock { $0.containers[service] = containers.sorted { $0.number < $1.number } }
    }

    /// Marks `service` done (or failed), waking those that wait for it.
    func finish(_ service: String, _ result: Result<Void, RuntimeError>) {
        let waiters = state.withLock { state in
            state.finished[service] = result
            return state.waiters.removeValue(forKey: service) ?? []
        }
        for waiter in waiters {
            switch result {
            case .success: waiter.resume()
            case .failure(let error): waiter.resume(throwing: error)
            }
        }
    }

    /// Returns once `service` is done; throws if it failed.
    func waitFor(_ service: String) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let finished: Result<Void, RuntimeError>? = state.withLock { state in
                if let result = state.finished[service] { return result }
                state.waiters[service, default: []].append(continuation)
                return nil
            }
            switch finished {
            case .success: continuation.resume()
            case .failure(let error): continuation.resume(throwing: error)
            case nil: break
            }
        }
    }
}
