import ComposeSpec
import DockerEngine

/// `start`, `stop`, `restart`, `kill`, `pause`, `unpause`, `rm` and `wait`: acting on existing containers of
/// the selected services, in dependency order where order matters.
extension ProjectRuntime {
    /// Starts the existing containers of the services and of what they depend on (of every service that has
    /// containers, when none is named), as `up` starts them: each service once what it depends on is started and
    /// meets its `depends_on` condition, its `post_start` hooks run. A service without containers fails the
    /// command before anything starts, as in Compose.
    public func start(_ services: [String]) async throws {
        let observed = try await containers()
        let named = services.isEmpty ? Set(observed.map(\.service)).filter { self.services[$0] != nil } : Set(services)
        let selection = try selection(Array(named), withDependencies: true)
        let order = graph.startOrder(of: selection)
        if let missing = order.first(where: { service in !observed.contains { $0.service == service } }) {
            throw OrchestrationError(.notFound, "service \"\(missing)\" has no container to start", service: missing)
        }
        try await ContainerWatcher.watching(client: client, project: project.name) { watcher in
            let convergence = Convergence(
                runtime: self, options: UpOptions(), selection: selection, imageIDs: [:],
                registry: ServiceRegistry(existing: observed), watcher: watcher)
            try await convergence.startAll(order)
        }
    }

    /// Stops the services' containers, dependents first; as Compose, one already stopped is reported stopped too.
    public func stop(_ services: [String], timeout: Int?) async throws {
        let selection = try selection(services, withDependencies: false)
        let containers = try await containers().filter { selection.contains($0.service) }
        try await inReverseDependencyOrder(services: Set(containers.map(\.service))) { service in
            try await forEach(containers.filter { $0.service == service }) { container in
                try await stop(container, timeout: timeout)
            }
        }
    }

    /// Stops `container`, reporting it as Compose does even when it was not running; its `pre_stop` hooks run
    /// unless `replaced` (a recreate) or it does not run.
    func stop(_ container: ObservedContainer, timeout: Int?, replaced: Bool = false) async throws {
        progress(.working(container.resource, "Stopping"))
        if container.isRunning, !replaced { try await runHooks(.preStop, of: container) }
        try await client.stopContainer(container.id, timeout: timeout)
        progress(.done(container.resource, "Stopped"))
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
                if container.isRunning { try await runHooks(.preStop, of: container) }
                try await client.restartContainer(container.id, timeout: timeout)
                try await runHooks(.postStart, of: container)
                progress(.done(container.resource, "Started"))
            }
        }
    }

    /// Sends `signal` to the services' running containers; returns how many it reached.
    @discardableResult
    public func kill(_ services: [String], signal: String?, removeOrphans: Bool = false) async throws -> Int {
        let selection = try selection(services, withDependencies: false)
        let running = try await containers().filter {
            $0.isRunning && (selection.contains($0.service) || (removeOrphans && services.isEmpty))
        }
        try await forEach(running) { container in
            progress(.working(container.resource, "Killing"))
            try await client.killContainer(container.id, signal: signal)
            progress(.done(container.resource, "Killed"))
        }
        return running.count
    }

    /// Pauses the services' running containers, as Compose: one already paused is the engine's error to report.
    public func pause(_ services: [String]) async throws {
        try await forEachUp(services, done: "Paused") { try await client.pauseContainer($0) }
    }

    /// Unpauses the services' running containers, as Compose: one not paused is the engine's error to report.
    public func unpause(_ services: [String]) async throws {
        try await forEachUp(services, done: "Unpaused") { try await client.unpauseContainer($0) }
    }

    /// The stopped containers `rm` would remove (with `stop`, the running ones too), newest first as the engine
    /// lists them and Compose names them.
    public func removableContainers(_ services: [String], includeRunning: Bool) async throws -> [ObservedContainer] {
        let selection = try selection(services, withDependencies: false)
        return try await containers(newestFirst: true).filter {
            selection.contains($0.service) && (includeRunning || !$0.isRunning)
        }
    }

    /// `rm`: removes `containers`, having stopped them first when `stopping` (`rm -s`; as Compose, each reported
    /// stopped, the ones that had exited too).
    public func remove(_ containers: [ObservedContainer], removeVolumes: Bool, stopping: Bool) async throws {
        try await removeInDependencyOrder(containers, timeout: nil, removeVolumes: removeVolumes, stopping: stopping)
    }

    /// Waits for the services' running containers to stop, reporting each exit as it happens; returns the last
    /// exit code. With none running, fails as Compose does.
    public func wait(_ services: [String], onExit: @escaping @Sendable (ObservedContainer, Int) -> Void) async throws
        -> Int
    {
        let selection = try selection(services, withDependencies: false)
        let containers = try await containers().filter { selection.contains($0.service) && $0.isRunning }
        guard !containers.isEmpty else {
            throw OrchestrationError(.notRunning, "no containers for project \"\(project.name)\"")
        }
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

    /// Runs `action` on the services' containers that are up (running or paused, as the engine lists them without
    /// `all`), reporting each once done, as Compose reports pause and unpause.
    private func forEachUp(
        _ services: [String], done: String, _ action: @escaping @Sendable (String) async throws -> Void
    ) async throws {
        let selection = try selection(services, withDependencies: false)
        let up = try await containers().filter {
            selection.contains($0.service) && ($0.isRunning || $0.state == "paused")
        }
        try await forEach(up) { container in
            try await action(container.id)
            progress(.done(container.resource, done))
        }
    }

    /// Runs `action` on every container at once; every failure is reported, an engine's refusal as about the
    /// container's service, in the docker CLI's words as Compose prints it.
    func forEach(
        _ containers: [ObservedContainer], _ action: @escaping @Sendable (ObservedContainer) async throws -> Void
    ) async throws {
        try await forEachConcurrently(containers) { container in
            do {
                try await action(container)
            } catch let error as EngineError {
                throw OrchestrationError(.engine, error.daemonMessage, service: container.service, underlying: error)
            }
        }
    }
}
