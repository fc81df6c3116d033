import ComposeSpec
import DockerEngine
import Foundation

/// Waiting for `depends_on` conditions and for `up --wait`, on the engine's events and its `wait` endpoint.
extension Convergence {
    func waitFor(_ dependency: ServiceGraph.Dependency) async throws {
        // A dry run started nothing: there is nothing to wait for.
        guard dependency.condition != .started, !client.isDryRun else { return }
        let containers = registry.containers(of: dependency.service)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for container in containers {
                group.addTask {
                    switch dependency.condition {
                    case .started: return
                    case .healthy: try await waitHealthy(container, service: dependency.service)
                    case .completedSuccessfully: try await waitCompleted(container, service: dependency.service)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private func waitHealthy(_ container: ServiceContainer, service: String) async throws {
        let resource = "Container \(container.name)"
        progress(.working(resource, "Waiting"))
        let state = try await client.inspectContainer(container.id).state
        // The engine reports a health status exactly when the container (or its image) has a healthcheck.
        guard state.healthStatus != nil else {
            progress(.failed(resource, "no healthcheck"))
            throw OrchestrationError(
                .dependencyFailed,
                "dependency failed to start: container \(container.name) has no healthcheck configured",
                service: service)
        }
        await watcher.seed(
            container.id, health: state.healthStatus, exitCode: state.isRunning ? nil : state.exitCode)
        switch try await nextOutcome(of: container) {
        case .healthy:
            progress(.done(resource, "Healthy"))
        case .unhealthy:
            progress(.failed(resource, "unhealthy"))
            throw OrchestrationError(
                .dependencyFailed,
                "dependency failed to start: container \(container.name) is unhealthy"
                    + (await lastLines(of: container)),
                service: service)
        case .exited(let code):
            progress(.failed(resource, "exited (\(code))"))
            throw OrchestrationError(
                .dependencyFailed,
                "dependency failed to start: container \(container.name) exited (\(code))"
                    + (await lastLines(of: container)), service: service)
        }
    }

    private func waitCompleted(_ container: ServiceContainer, service: String) async throws {
        let resource = "Container \(container.name)"
        progress(.working(resource, "Waiting"))
        let result = try await client.waitContainer(container.id, condition: .notRunning)
        guard result.statusCode == 0 else {
            progress(.failed(resource, "exited (\(result.statusCode))"))
            throw OrchestrationError(
                .dependencyFailed,
                "service \"\(service)\" didn't complete successfully: exit \(result.statusCode)"
                    + (await lastLines(of: container)), service: service)
        }
        progress(.done(resource, "Exited"))
    }

    /// The container's next health verdict or exit, from the engine's events; should one go missing (a stream opened
    /// again after a cut, an engine that dropped it), an inspection every few seconds finds it all the same.
    private func nextOutcome(of container: ServiceContainer) async throws -> ContainerWatcher.Outcome {
        try await withThrowingTaskGroup(of: ContainerWatcher.Outcome.self) { group in
            group.addTask { try await watcher.next(container.id) }
            group.addTask {
                while true {
                    try await Task.sleep(for: Self.inspectionInterval)
                    // A look that fails (a connection cut under load) waits for the next: the events decide then.
                    guard let state = try? await client.inspectContainer(container.id).state else { continue }
                    if !state.isRunning && !state.isRestarting { return .exited(state.exitCode) }
                    if state.healthStatus == "healthy" { return .healthy }
                    if state.healthStatus == "unhealthy" { return .unhealthy }
                }
            }
            defer { group.cancelAll() }
            guard let outcome = try await group.next() else { throw CancellationError() }
            return outcome
        }
    }

    /// How often a wait for health looks at the container itself, beside the events.
    static let inspectionInterval: Duration = .seconds(5)

    /// The last lines a failed container printed, to show with the error.
    func lastLines(of container: ServiceContainer) async -> String {
        await ContainerOutput.lastLines(of: container.id, name: container.name, client: client)
    }

    /// `up --wait`: every container of `services` runs, and is healthy when it has a healthcheck; as Compose
    /// waits, a service another one needs completed (`service_completed_successfully`) must have exited 0
    /// instead, and any other container that exited fails the wait, whatever its code.
    func waitUntilReady(_ services: [String], timeout: Duration?) async throws {
        guard !client.isDryRun else { return }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for service in services {
                let mustComplete = runtime.graph.mustComplete(service)
                for container in registry.containers(of: service) {
                    group.addTask {
                        if mustComplete {
                            try await waitCompleted(container, service: service)
                        } else {
                            try await waitReady(container, service: service)
                        }
                    }
                }
            }
            if let timeout {
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw OrchestrationError(.notReady, "timeout waiting for the project to be running and healthy")
                }
            }
            // The first to finish of "all ready" and "timeout" decides.
            var remaining = services.reduce(0) { $0 + registry.containers(of: $1).count }
            while remaining > 0 {
                try await group.next()
                remaining -= 1
            }
            group.cancelAll()
        }
    }

    /// A container that runs (and is healthy, with a healthcheck): Compose reports it `Healthy` either way.
    private func waitReady(_ container: ServiceContainer, service: String) async throws {
        let resource = "Container \(container.name)"
        progress(.working(resource, "Waiting"))
        let state = try await client.inspectContainer(container.id).state
        guard state.healthStatus != nil else {
            guard state.isRunning else {
                throw OrchestrationError(
                    .notReady, "container \(container.name) exited (\(state.exitCode))", service: service)
            }
            progress(.done(resource, "Healthy"))
            return
        }
        await watcher.seed(
            container.id, health: state.healthStatus, exitCode: state.isRunning ? nil : state.exitCode)
        switch try await nextOutcome(of: container) {
        case .healthy: progress(.done(resource, "Healthy"))
        case .unhealthy:
            throw OrchestrationError(.notReady, "container \(container.name) is unhealthy", service: service)
        case .exited(let code):
            throw OrchestrationError(.notReady, "container \(container.name) exited (\(code))", service: service)
        }
    }
}
