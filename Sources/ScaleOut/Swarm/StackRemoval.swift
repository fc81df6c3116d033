import DockerEngine

/// `stack rm`: the stack's services, then (once their tasks are gone) its networks, secrets and configs. Volumes
/// stay, as with `docker stack rm`: they hold data, on each node.
public enum StackRemoval {
    /// Removes the stack; false when the manager has nothing of it.
    @discardableResult
    public static func remove(
        _ client: EngineClient, stack: String, timeout: Duration = .seconds(120),
        progress: @Sendable (StackEvent) -> Void = { _ in }
    ) async throws -> Bool {
        try await StackDeployer.requireManager(client)
        let filters = EngineFilters(StackNames.filter(stack))
        let services = try await client.listSwarmObjects(.services, filters: filters)
        let networks = try await client.listNetworks(filters: filters)
        let secrets = try await client.listSwarmObjects(.secrets, filters: filters)
        let configs = try await client.listSwarmObjects(.configs, filters: filters)
        if services.isEmpty, networks.isEmpty, secrets.isEmpty, configs.isEmpty { return false }
        for service in services.sorted(by: { $0.name < $1.name }) {
            try await client.removeSwarmObject(.services, service.id)
            progress(.removed(kind: "service", name: service.name))
        }
        // Networks stay in use until the tasks' containers are gone.
        let ids = Set(services.map(\.id))
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while try await client.listTasks().contains(where: { ids.contains($0.serviceID) }), clock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
        }
        for secret in secrets {
            try await client.removeSwarmObject(.secrets, secret.id)
            progress(.removed(kind: "secret", name: secret.name))
        }
        for config in configs {
            try await client.removeSwarmObject(.configs, config.id)
            progress(.removed(kind: "config", name: config.name))
        }
        for network in networks.sorted(by: { $0.name < $1.name }) {
            try await removeNetwork(client, network, deadline: deadline)
            progress(.removed(kind: "network", name: network.name))
        }
        return true
    }

    /// A network an endpoint still holds for a moment after its task's container went is removed once it is free.
    private static func removeNetwork(_ client: EngineClient, _ network: Network, deadline: ContinuousClock.Instant)
        async throws
    {
        while true {
            do {
                return try await client.removeNetwork(network.id)
            } catch let error as EngineError where error.code == .notFound {
                return
            } catch {
                guard ContinuousClock().now < deadline else { throw error }
                try await Task.sleep(for: .milliseconds(500))
            }
        }
    }
}
