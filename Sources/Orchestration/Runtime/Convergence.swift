import ComposeSpec
import DockerEngine
import Foundation
import Tar

/// One `up`, in Compose's two steps: every service's containers are created (recreated, removed) as planned, each
/// once the containers of the services it depends on exist; then each service's containers are started once the
/// services it depends on are started and meet their `depends_on` condition. `start` takes the second step alone.
struct Convergence: Sendable {
    let runtime: ProjectRuntime
    let options: UpOptions
    let selection: Set<String>
    let imageIDs: [String: String]
    let registry: ServiceRegistry
    let watcher: ContainerWatcher
    /// The services whose containers exist as planned, and those whose containers were started.
    let created = ServiceBarrier()
    let started = ServiceBarrier()

    var client: EngineClient { runtime.client }
    var progress: ProgressHandler { runtime.progress }

    /// Creates the containers of every planned service; every service's failure is reported, and one that waits
    /// for a failed service fails with it.
    func createAll(_ plans: [Plan.ServicePlan]) async throws {
        try await forEachConcurrently(plans) { plan in
            try await created.run(plan.service) { try await create(plan) }
        }
    }

    /// Creates, recreates or removes a service's containers as planned, once the containers of the services it
    /// depends on exist (a container may name another's: `network_mode: service:db`, `volumes_from`).
    func create(_ plan: Plan.ServicePlan) async throws {
        let name = plan.service
        if let fixed = runtime.services[name]?["container_name"]?.scalarText, plan.actions.filter(\.isKept).count > 1 {
            // Compose's words (as a warning, with status 1); it creates none of the replicas either.
            throw OrchestrationError(
                .conflict,
                "The \"\(name)\" service is using the custom container name \"\(fixed)\". Docker requires each "
                    + "container to have a unique name. Remove the custom name to scale the service",
                service: name)
        }
        for dependency in runtime.graph.dependencies(of: name) where selection.contains(dependency.service) {
            // An optional dependency's failure is reported (by the dependency) without holding this one back.
            do {
                try await created.waitFor(dependency.service)
            } catch  where !dependency.required {}
        }
        let containers = try await withThrowingTaskGroup(of: (ServiceContainer, Bool)?.self) { group in
            for action in plan.actions {
                group.addTask { try await apply(action, service: name) }
            }
            var containers: [(ServiceContainer, Bool)] = []
            for try await container in group { if let container { containers.append(container) } }
            return containers
        }
        registry.setContainers(
            containers.map(\.0), running: Set(containers.filter(\.1).map(\.0.id)), of: name)
    }

    /// Carries out one replica's action; returns the container that results and whether it already runs.
    private func apply(_ action: Plan.ReplicaAction, service: String) async throws -> (ServiceContainer, Bool)? {
        switch action {
        case .create(let number):
            return (try await create(service: service, number: number, replacing: nil), false)
        case .recreate(let old):
            registry.markReplaced(service)
            return (try await create(service: service, number: old.number, replacing: old), false)
        case .keep(let container):
            let reference = ServiceContainer(id: container.id, name: container.name, number: container.number)
            if container.isRunning { progress(.done(container.resource, "Running")) }
            // Created by an `up` that ended before starting it: what it was to get before its start may be missing.
            if container.state == "created", options.start { try await finishInterruptedCreate(container) }
            return (reference, container.isRunning)
        case .remove(let container):
            try await runtime.stopAndRemove(container, timeout: options.stopTimeout, removeVolumes: false)
            return nil
        }
    }

    private func create(service: String, number: Int, replacing old: ObservedContainer?) async throws
        -> ServiceContainer
    {
        guard let definition = runtime.services[service] else { throw OrchestrationError.noSuchService(service) }
        let request = try createRequest(service: service, number: number, replacing: old)
        let finalName = ContainerNames.service(
            project: runtime.project.name, service: service, number: number,
            containerName: definition["container_name"]?.scalarText, separator: runtime.project.nameSeparator)
        let resource = "Container \(finalName)"
        progress(.working(resource, old == nil ? "Creating" : "Recreate"))
        for warning in request.warnings {
            progress(.warning(resource, warning))
        }
        var body = request.body
        if let old, !options.renewAnonymousVolumes {
            let declared = Set(
                (runtime.project.document["volumes"]?.mapping ?? [:]).map { $0.value["name"]?.scalarText ?? $0.key })
            let inspection = try await client.inspectContainer(old.id)
            body = AnonymousVolumes.reuse(AnonymousVolumes.mounts(of: inspection, declared: declared), in: body)
        }
        let created: ContainerCreated
        do {
            created = try await client.createContainer(name: request.name, body: body, platform: request.platform)
        } catch let error as EngineError where error.code == .conflict {
            throw OrchestrationError.service(
                service, .conflict,
                "the container name \"\(request.name)\" is already in use by another container (maybe of another "
                    + "project): remove or rename it, or set `container_name`", underlying: error)
        }
        try await runtime.finishCreating(created.id, request: request, service: service)
        if let old {
            try await runtime.stopAndRemove(old, timeout: options.stopTimeout, removeVolumes: false, replaced: true)
            try await client.renameContainer(created.id, to: finalName)
            progress(.done(resource, "Recreated"))
        } else {
            progress(.done(resource, "Created"))
        }
        return ServiceContainer(id: created.id, name: finalName, number: number)
    }
}
