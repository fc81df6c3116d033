import Synchronization

/// The containers of each service as an operation goes (for attributes that name another service's container,
/// `network_mode: service:db`, and for the step that starts them), which of them already run, and which services
/// had a container recreated.
final class ServiceRegistry: Sendable {
    private struct State {
        var containers: [String: [ServiceContainer]] = [:]
        var running: Set<String> = []
        var replaced: Set<String> = []
    }

    private let state = Mutex(State())

    init(existing: [ObservedContainer]) {
        state.withLock { state in
            for container in existing {
                state.containers[container.service, default: []].append(
                    ServiceContainer(id: container.id, name: container.name, number: container.number))
                if container.isRunning { state.running.insert(container.id) }
            }
        }
    }

    var resolver: ContainerResolver {
        ContainerResolver { service in self.state.withLock { $0.containers[service] ?? [] } }
    }

    func containers(of service: String) -> [ServiceContainer] {
        state.withLock { $0.containers[service] ?? [] }
    }

    /// Records that a container of `service` was recreated in this operation.
    func markReplaced(_ service: String) {
        state.withLock { _ = $0.replaced.insert(service) }
    }

    func wasReplaced(_ service: String) -> Bool {
        state.withLock { $0.replaced.contains(service) }
    }

    /// The containers `service` has now, with the IDs of those that run.
    func setContainers(_ containers: [ServiceContainer], running: Set<String>, of service: String) {
        state.withLock { state in
            state.running.subtract((state.containers[service] ?? []).map(\.id))
            state.running.formUnion(running)
            state.containers[service] = containers.sorted { $0.number < $1.number }
        }
    }

    func isRunning(_ container: ServiceContainer) -> Bool {
        state.withLock { $0.running.contains(container.id) }
    }

    func markRunning(_ container: ServiceContainer) {
        state.withLock { _ = $0.running.insert(container.id) }
    }
}
