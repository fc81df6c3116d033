import ComposeSpec
import DockerEngine

/// `start`, `stop`, `restart`, `kill`, `pause`, `unpause`, `rm` and `wait`: acting on existing containers of
/// the selected services, in dependency order where order matters.
extension ProjectRuntime {
    /// Starts the services' existing containers, dependencies first.
    public func start(_ services: [String]) async throws {
        let selection = try selection(services, withDependencies: false)
        let containers = try await containers().filter { selection.contains($0.service) }
        guard !containers.isEmpty || services.isEmpty else {
            throw OrchestrationError(
                .notFound, "service \"\(services[0])\" has no container to start", service: services[0])
        }
        for service in graph.startOrder(of: selection) {
            try await forEach(containers.filter { $0.service == service && !$0.isRunning }) { container in
                progress(.working(container.resource, "Starting"))
                do {
                    try await client.startContainer(container.id)
                } catch let error as EngineError {
                    progress(.failed(container.resource, error.message))
                    throw StartFailure.error(error, service: container.service, container: container.name)
                }
                progress(.done(container.resource, "Started"))
            }
        }
    }

    /// Stops the services' running containers, dependents first.
    public func stop(_ services: [String], timeout: Int?) async throws {
        let selection = try selection(services, withDependencies: false)
        let running = try await containers().filter { selection.contains($0.service) && $0.isRunning }
        try await inReverseDependencyOrder(services: Set(running.map(\.service))) { service in
            try await forEach(running.filter { $0.service == service }) { container in
                progress(.working(container.resource, "Stopping"))
                try await client.stopContainer(container.id, timeout: timeout)
                progress(.done(container.resource, "Stopped"))
            }
        }
    }

    /// Restarts the services' containers in dependency order, with (unless `noDeps`) the services that depend on
    /// them with `restart: true`, as Compose does.
    public func restart(_ services: [String], timeout: Int?, noDeps: Bool = false) async throws {
        var selection = try selection(services, withDependencies: false)
        while !noDeps, !services.isEmpty {
            let dependents = graph.services.filter { name in
                !selection.contains(name)
                    && graph.dependencies(of: name).contains { $0.restart && selection.contains($0.service) }
            }
            if dependents.isEmpty { break }
            selection.formUnion(dependents)
        }
        let containers = try await containers().filter { selection.contains($0.service) }
        for service in graph.startOrder(of: selection) {
            try await forEach(containers.filter { $0.service == service }) { container in
                progress(.working(container.resource, "Restarting"))
                try await client.restartContainer(container.id, timeout: timeout)
                progress(.done(container.resource, "Started"))
            }
        }
    }

    public func kill(_ services: [String], signal: String?, removeOrphans: Bool = false) async throws {
        let selection = try selection(services, withDependencies: false)
        let running = try await containers().filter {
            $0.isRunning && (selection.contains($0.service) || (removeOrphans && services.isEmpty))
        }
        try await forEach(running) { container in
            progress(.working(container.resource, "Killing"))
            try await client.killContainer(container.id, signal: signal)
            progress(.done(container.resource, "Killed"))
        }
    }

    public func pause(_ services: [String]) async throws {
        try await forEach(services, in: "running", working: "Pausing", done: "Paused") {
            try await client.pauseContainer($0)
        }
    }

    public func unpause(_ services: [String]) async throws {
        try await forEach(services, in: "paused", working: "Unpausing", done: "Unpaused") {
            try await client.unpauseContainer($0)
        }
    }

    /// The stopped containers `rm` would remove (with `stop`, the running ones too).
    public func removableContainers(_ services: [String], includeRunning: Bool) async throws -> [ObservedContainer] {
        let selection = try selection(services, withDependencies: false)
        return try await containers().filter { selection.contains($0.service) && (includeRunning || !$0.isRunning) }
    }

    public func remove(_ containers: [ObservedContainer], removeVolumes: Bool, timeout: Int? = nil) async throws {
        try await removeInDependencyOrder(containers, timeout: timeout, removeVolumes: removeVolumes)
    }

    /// Waits for the services' containers to stop, reporting each exit as it happens; returns the last exit code.
    public func wait(_ services: [String], onExit: @escaping @Sendable (ObservedContainer, Int) -> Void) async throws
        -> Int
    {
        let selection = try selection(services, withDependencies: false)
        let containers = try await containers().filter { selection.contains($0.service) }
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for container in containers {
                group.addTask {
                    let code = try await client.waitContainer(container.id, condition: .notRunning).statusCode
                    onExit(container, code)
                    return code
                }
            }
            var last = 0
            for try await code in group { last = code }
            return last
        }
    }

    /// Runs `action` on the services' containers in `state`, reporting each.
    private func forEach(
        _ services: [String], in state: String, working: String, done: String,
        _ action: @escaping @Sendable (String) async throws -> Void
    ) async throws {
        let selection = try selection(services, withDependencies: false)
        let matching = try await containers().filter { selection.contains($0.service) && $0.state == state }
        try await forEach(matching) { container in
            progress(.working(container.resource, working))
            try await action(container.id)
            progress(.done(container.resource, done))
        }
    }

    /// Runs `action` on every container at once; every failure is reported, an engine's refusal as about the
    /// container's service.
    func forEach(
        _ containers: [ObservedContainer], _ action: @escaping @Sendable (ObservedContainer) async throws -> Void
    ) async throws {
        try await forEachConcurrently(containers) { container in
            do {
                try await action(container)
            } catch let error as EngineError {
                throw OrchestrationError(.engine, error.message, service: container.service, underlying: error)
            }
        }
    }
}
