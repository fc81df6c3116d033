import ComposeSpec
import DockerEngine

/// `run`: a one-off container of a service, after what it depends on.
extension ProjectRuntime {
    /// Starts the services `request.service` depends on (unless `noDeps`) and waits for their `depends_on`
    /// conditions, then creates the one-off container, not yet started.
    public func createOneOff(_ request: OneOffRequest) async throws -> ServiceContainer {
        guard let definition = services[request.service] else {
            throw OrchestrationError.noSuchService(request.service)
        }
        try checkEngineRequirements([request.service])
        let dependencies = graph.dependencies(of: request.service)
        if !request.noDeps, !dependencies.isEmpty {
            var options = UpOptions()
            options.services = dependencies.map(\.service)
            options.removeOrphans = request.removeOrphans
            try await up(options)
            try await waitForConditions(dependencies)
        } else {
            try await ensureNetworks()
            try await ensureVolumes()
        }
        var imageOptions = UpOptions()
        imageOptions.build = request.build ? .always : .whenMissing
        imageOptions.pull = request.pull
        imageOptions.quietPull = request.quietPull
        imageOptions.quietBuild = request.quietBuild
        let imageID = try await ensureImages(for: [request.service], options: imageOptions)[request.service]
        let service = try request.apply(to: definition)
        let slug = ContainerNames.newSlug()
        let existing = try await containers()
        let registry = ServiceRegistry(existing: existing)
        let createRequest = try ContainerSpec.createBody(
            project: project, serviceName: request.service, service: service, number: 1, apiVersion: apiVersion,
            options: ContainerCreateOptions(
                imageID: imageID,
                oneOff: OneOffRun(
                    slug: slug, name: request.name, interactive: request.interactive,
                    useAliases: request.useAliases),
                containers: registry.resolver))
        let name = createRequest.name
        for warning in createRequest.warnings {
            progress(
                .warning("Container \(name)", warning))
        }
        var body = createRequest.body
        if request.autoRemove, case .object(var fields) = body, case .object(var hostConfig)? = fields["HostConfig"] {
            hostConfig["AutoRemove"] = true
            fields["HostConfig"] = .object(hostConfig)
            body = .object(fields)
        }
        let created: ContainerCreated
        do {
            created = try await client.createContainer(name: name, body: body, platform: createRequest.platform)
        } catch let error as EngineError where error.code == .conflict {
            throw OrchestrationError(
                .conflict,
                "the container name \"\(name)\" is already in use by another container: choose another --name",
                service: request.service, underlying: error)
        }
        try await finishCreating(created.id, request: createRequest, service: request.service)
        return ServiceContainer(id: created.id, name: name, number: 0)
    }

    /// Waits for the `depends_on` conditions (healthy, completed) of the one-off's service on its dependencies.
    private func waitForConditions(_ dependencies: [ServiceGraph.Dependency]) async throws {
        let waited = dependencies.filter { $0.condition != .started }
        guard !waited.isEmpty else { return }
        let registry = ServiceRegistry(existing: try await containers())
        try await ContainerWatcher.watching(client: client, project: project.name) { watcher in
            let convergence = Convergence(
                runtime: self, options: UpOptions(), selection: [], imageIDs: [:], registry: registry,
                watcher: watcher)
            for dependency in waited {
                do {
                    try await convergence.waitFor(dependency)
                } catch  where !dependency.required {
                    continue
                }
            }
        }
    }
}
