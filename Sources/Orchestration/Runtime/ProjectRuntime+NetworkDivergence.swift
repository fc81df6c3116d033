import ComposeSpec
import DockerEngine

extension ProjectRuntime {
    /// Recreates the project's network `key` when its configuration hash differs from the one the engine's network
    /// carries, as Docker Compose does: the project's service containers on it are stopped and disconnected, the
    /// network is removed and created anew, and the containers are connected to the new one as they were (their
    /// aliases, links and driver options; the addresses the files give, which may have changed with the network).
    /// `up` then starts its `selection` again; the other containers that ran are started here (all when
    /// `selection` is nil). A network a one-off or another project's container uses is refused before anything
    /// changes; a removal that fails puts the containers back as they were.
    func recreateIfDiverged(network key: String, existing: Network, selection: Set<String>?) async throws {
        guard let definition = project.definition("networks", key), definition.field("external")?.boolValue != true,
            existing.labels[ComposeLabels.project] == project.name,
            let current = existing.labels[ComposeLabels.configHash],
            current
                != ComposeLabels.network(project: project, key: key, definition: definition)[ComposeLabels.configHash]
        else { return }
        let name = existing.name
        let ours = try await containers().filter { $0.networks.contains(name) }
        let active = Set((try await client.inspectNetwork(existing.id).containers.objectValue ?? [:]).keys)
        let others = active.subtracting(ours.map(\.id))
        guard others.isEmpty else {
            throw OrchestrationError(
                .conflict,
                "network \(name)'s configuration changed, but \(others.count) container(s) other than this project's "
                    + "services use it (a `run` container, another project's): stop them, or run `pier down`, then "
                    + "`pier up` again")
        }
        var endpoints: [String: JSONValue] = [:]
        for container in ours {
            let networks = try await client.inspectContainer(container.id).raw["NetworkSettings"]?["Networks"]
            endpoints[container.id] = endpointConfig(networks?[name] ?? [:], service: container.service, network: key)
        }
        let running = ours.filter(\.isRunning)
        try await forEach(running) { container in
            progress(.working(container.resource, "Stopping"))
            try await runHooks(.preStop, of: container)
            try await client.stopContainer(container.id)
            progress(.done(container.resource, "Stopped"))
        }
        do {
            for container in ours {
                try await skippingGone {
                    try await client.disconnectNetwork(existing.id, container: container.id, force: true)
                }
            }
            try await client.removeNetwork(existing.id)
        } catch {
            await putBack(ours, running: running, on: existing.id, endpoints: endpoints)
            throw OrchestrationError(
                .conflict, "network \(name)'s configuration changed, but it cannot be recreated: \(error)",
                underlying: error)
        }
        let resource = "Network \(name)"
        progress(.done(resource, "Removed"))
        progress(.working(resource, "Creating"))
        _ = try await client.createNetwork(
            body: try NetworkSpec.createBody(project: project, key: key, apiVersion: apiVersion))
        progress(.done(resource, "Created"))
        for container in ours {
            try await skippingGone {
                try await client.connectNetwork(name, container: container.id, endpointConfig: endpoints[container.id])
            }
        }
        for container in running where selection?.contains(container.service) != true {
            progress(.working(container.resource, "Starting"))
            try await client.startContainer(container.id)
            try await runHooks(.postStart, of: container)
            progress(.done(container.resource, "Started"))
        }
    }

    /// How a container is connected to the network made anew: its aliases, links and driver options as they were,
    /// and the addresses the files give it on that network (the old ones may not fit a changed subnet).
    private func endpointConfig(_ endpoint: JSONValue, service: String, network key: String) -> JSONValue {
        var config: [String: JSONValue] = [:]
        for field in ["Links", "Aliases", "DriverOpts"] {
            if let value = endpoint[field], value != .null { config[field] = value }
        }
        let attachment = services[service]?["networks"]?.mapping?[key]
        var addresses: [String: JSONValue] = [:]
        if let address = attachment?["ipv4_address"]?.scalarText { addresses["IPv4Address"] = .string(address) }
        if let address = attachment?["ipv6_address"]?.scalarText { addresses["IPv6Address"] = .string(address) }
        if !addresses.isEmpty { config["IPAMConfig"] = .object(addresses) }
        return .object(config)
    }

    /// After a failed recreation: the containers connected again to the network they were on (by its ID), and
    /// those that ran started again; what fails here is left for the error already reported.
    private func putBack(
        _ containers: [ObservedContainer], running: [ObservedContainer], on network: String,
        endpoints: [String: JSONValue]
    ) async {
        for container in containers {
            try? await client.connectNetwork(network, container: container.id, endpointConfig: endpoints[container.id])
        }
        for container in running { try? await client.startContainer(container.id) }
    }

    /// Runs `change`; an object the engine no longer has (a container removed meanwhile) is not a failure.
    private func skippingGone(_ change: () async throws -> Void) async throws {
        do {
            try await change()
        } catch let error as EngineError where error.code == .notFound {}
    }
}
