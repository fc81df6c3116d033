import ComposeSpec
import DockerEngine

/// The second step of `up`, and all of `start`: each service's containers started once the services it depends on
/// are started and meet their `depends_on` condition, its `post_start` hooks run in each.
extension Convergence {
    /// Starts the containers of `services` (every failure reported; one that waits for a failed service fails
    /// with it).
    func startAll(_ services: [String]) async throws {
        try await forEachConcurrently(services) { service in
            try await started.run(service) { try await start(service) }
        }
    }

    /// Starts the service's containers that do not run; with `restart: true` on a dependency that was recreated,
    /// restarts those that do.
    func start(_ service: String) async throws {
        for dependency in runtime.graph.dependencies(of: service) where selection.contains(dependency.service) {
            do {
                try await started.waitFor(dependency.service)
                try await waitFor(dependency)
            } catch  where !dependency.required {
                let entry = runtime.services[service]?["depends_on"]?[dependency.service]
                let warning = ComposeWarning(
                    "optional dependency \(dependency.service) failed: \(error)", at: entry?.location)
                progress(.warning("Service \(service)", warning))
            }
        }
        let restartsWithDependency = runtime.graph.dependencies(of: service).contains {
            $0.restart && registry.wasReplaced($0.service)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for container in registry.containers(of: service) {
                group.addTask {
                    if !registry.isRunning(container) {
                        try await start(container, service: service)
                    } else if restartsWithDependency {
                        let resource = "Container \(container.name)"
                        progress(.working(resource, "Restarting"))
                        try await client.restartContainer(container.id, timeout: options.stopTimeout)
                        progress(.done(resource, "Restarted"))
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Starts one container and runs its `post_start` hooks; it is started once they succeeded, as in Compose.
    private func start(_ container: ServiceContainer, service: String) async throws {
        let resource = "Container \(container.name)"
        progress(.working(resource, "Starting"))
        await watcher.reset(container.id)
        do {
            try await client.startContainer(container.id)
        } catch let error as EngineError {
            progress(.failed(resource, error.message))
            throw StartFailure.error(error, service: service, container: container.name)
        }
        registry.markRunning(container)
        try await runtime.runHooks(.postStart, of: service, in: container, output: options.hookOutput)
        progress(.done(resource, "Started"))
    }
}
