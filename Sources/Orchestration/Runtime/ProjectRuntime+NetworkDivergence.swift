import ComposeSpec
import DockerEngine

extension ProjectRuntime {
    /// Recreates the project's network `key` when its configuration hash differs from the one the engine's network
    /// carries, as Docker Compose does: the project's containers attached to it are stopped and disconnected, the
    /// network is removed and created anew, and the containers are connected to the new one with the endpoint
    /// settings they had (aliases, addresses, links); `up` then starts them again.
    func recreateIfDiverged(network key: String, existing: Network) async throws {
        guard let definition = project.definition("networks", key), definition.field("external")?.boolValue != true,
            existing.labels[ComposeLabels.project] == project.name,
            let current = existing.labels[ComposeLabels.configHash],
            current
                != ComposeLabels.network(project: project, key: key, definition: definition)[ComposeLabels.configHash]
        else { return }
        let name = existing.name
        let attachedIDs = Set((try await client.inspectNetwork(existing.id).containers.objectValue ?? [:]).keys)
        let attached = try await containers(includeOneOff: true).filter { attachedIDs.contains($0.id) }
        var endpoints: [String: JSONValue] = [:]
        for container in attached {
            let networks = try await client.inspectContainer(container.id).raw["NetworkSettings"]?["Networks"]
            endpoints[container.id] = Self.endpointConfig(networks?[name] ?? [:])
        }
        try await forEach(attached.filter(\.isRunning)) { container in
            progress(.working(container.resource, "Stopping"))
            try await runHooks(.preStop, of: container)
            try await client.stopContainer(container.id)
            progress(.done(container.resource, "Stopped"))
        }
        for container in attached {
            try await client.disconnectNetwork(existing.id, container: container.id, force: true)
        }
        let resource = "Network \(name)"
        do {
            try await client.removeNetwork(existing.id)
        } catch let error as EngineError where error.code == .forbidden || error.code == .conflict {
            throw OrchestrationError(
                .conflict,
                "network \(name)'s configuration changed, but it cannot be recreated: \(error.message) (containers "
                    + "of another project use it: stop them, or run `pier down` first)", underlying: error)
        }
        progress(.done(resource, "Removed"))
        progress(.working(resource, "Creating"))
        _ = try await client.createNetwork(
            body: try NetworkSpec.createBody(project: project, key: key, apiVersion: apiVersion))
        progress(.done(resource, "Created"))
        for container in attached {
            try await client.connectNetwork(name, container: container.id, endpointConfig: endpoints[container.id])
        }
    }

    /// The settings a container's endpoint on a network was connected with, from its inspection, to connect it
    /// the same way to the network made anew (what the engine assigned, such as the endpoint's ID, is left out).
    static func endpointConfig(_ endpoint: JSONValue) -> JSONValue {
        var config: [String: JSONValue] = [:]
        for key in ["IPAMConfig", "Links", "Aliases", "DriverOpts"] {
            if let value = endpoint[key], value != .null { config[key] = value }
        }
        return .object(config)
    }
}
