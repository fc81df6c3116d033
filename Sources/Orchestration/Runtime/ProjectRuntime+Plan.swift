import ComposeSpec
import DockerEngine

/// What `up` would do, read from the engine without changing anything: `pier plan` and `up --dry-run`.
extension ProjectRuntime {
    /// The plan `up` with `options` would carry out now, with the reason for every change. Only reads the engine.
    public func plan(_ options: UpOptions) async throws -> Plan {
        let selection = try selection(options.services, withDependencies: !options.noDeps)
        try checkEngineRequirements(selection)
        var target = Planner.Target(project: project, graph: graph, apiVersion: apiVersion, selection: selection)
        target.explicitlySelected = Set(options.services)
        target.knownServices = knownServices
        let planner = Planner(options)
        var observed = try await observe(selection)
        // The containers to recreate are inspected to tell which of their inputs changed.
        for service in planner.plan(target, observed: observed).services {
            for case .recreate(let container) in service.actions {
                observed.inspections[container.id] = try await client.inspectContainer(container.id)
            }
        }
        for inspection in observed.inspections.values where observed.images[inspection.config.image] == nil {
            observed.images[inspection.config.image] = try await inspect {
                try await client.inspectImage(inspection.config.image)
            }
        }
        return planner.plan(target, observed: observed)
    }

    /// The project's containers, networks and volumes, and the selected services' images, as the engine has them.
    func observe(_ selection: Set<String>) async throws -> ObservedState {
        var observed = ObservedState(containers: try await containers(includeOneOff: true))
        for key in (project.document["networks"]?.mapping ?? [:]).keys {
            let name = project.engineName("networks", key)
            observed.networks[name] = try await inspect { try await client.inspectNetwork(name) }
        }
        for key in (project.document["volumes"]?.mapping ?? [:]).keys {
            let name = project.engineName("volumes", key)
            observed.volumes[name] = try await inspect { try await client.inspectVolume(name) }
        }
        for service in selection {
            let image = imageName(of: service)
            observed.images[image] = try await inspect { try await client.inspectImage(image) }
        }
        return observed
    }
}
