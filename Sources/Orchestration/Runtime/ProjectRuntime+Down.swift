import ComposeSpec
import DockerEngine

/// What `down` removes beyond the containers.
public struct DownOptions: Sendable {
    public enum ImageRemoval: String, Sendable {
        /// Images built for services that name none (`<project>-<service>`).
        case local
        /// Every image the services use.
        case all
    }

    /// `down SERVICE…`: only these services and those that depend on them, and the networks, volumes and images
    /// they use; everything when empty.
    public var services: [String] = []
    /// `-v`: named volumes the project declares, and anonymous volumes of its containers.
    public var removeVolumes = false
    public var removeOrphans = false
    /// `COMPOSE_IGNORE_ORPHANS`: no warning about orphan containers.
    public var ignoreOrphans = false
    public var removeImages: ImageRemoval?
    public var timeout: Int?

    public init() {}
}

extension ProjectRuntime {
    /// Stops and removes the project's containers (dependents before what they depend on), then its images
    /// when asked, its networks, and its volumes when asked. Named volumes stay unless `removeVolumes`. With services named, only
    /// they and their dependents go, with what they use (a network still in use stays, with a warning).
    public func down(_ options: DownOptions) async throws {
        let selection =
            options.services.isEmpty
            ? nil : graph.withDependents(try self.selection(options.services, withDependencies: false))
        // As the reference: one-off (`run`) containers stay, but for stopped ones under `--remove-orphans`.
        let all = try await containers(includeOneOff: true).filter {
            !$0.isOneOff || (options.removeOrphans && !$0.isRunning)
        }
        let known = knownServices
        let orphans = all.filter { !known.contains($0.service) }
        if !orphans.isEmpty, !options.removeOrphans, !options.ignoreOrphans {
            try await handleOrphans(orphans.filter { !$0.isOneOff }, remove: false, timeout: nil)
        }
        // As Compose: the enabled services' containers; those of a service whose profile is not active stay (they
        // are no orphans either).
        let enabled = Set(graph.services)
        let targets = all.filter {
            (enabled.contains($0.service) || (options.removeOrphans && !known.contains($0.service)))
                && selection?.contains($0.service) != false
        }
        try await removeInDependencyOrder(targets, timeout: options.timeout, removeVolumes: options.removeVolumes)
        // Images first, as Compose removes them.
        if let removal = options.removeImages { try await removeImages(removal, usedBy: selection) }
        try await removeNetworks(usedBy: selection)
        if options.removeVolumes { try await removeVolumes(usedBy: selection) }
    }

    /// The top-level `section` keys (`networks`, `volumes`) that `services` use; every key when nil.
    func resources(_ section: String, usedBy services: Set<String>?) -> Set<String>? {
        guard let services else { return nil }
        var keys = Set<String>()
        for name in services {
            guard let service = self.services[name] else { continue }
            if section == "networks" {
                keys.formUnion(service["networks"]?.mapping?.keys ?? [])
            } else {
                for volume in service["volumes"]?.sequence ?? [] where volume["type"]?.scalarText == "volume" {
                    if let source = volume["source"]?.scalarText { keys.insert(source) }
                }
            }
        }
        return keys
    }

    /// Stops (unless not `stopping`) and removes `containers`: a service starts once every service that depends
    /// on it is done.
    func removeInDependencyOrder(
        _ containers: [ObservedContainer], timeout: Int?, removeVolumes: Bool, stopping: Bool = true
    ) async throws {
        let byService = Dictionary(grouping: containers, by: \.service)
        try await inReverseDependencyOrder(services: Set(byService.keys)) { service in
            try await forEach(byService[service] ?? []) { container in
                try await stopAndRemove(container, timeout: timeout, removeVolumes: removeVolumes, stopping: stopping)
            }
        }
    }

    /// Runs `body` for each service once all its dependents among `services` have finished, as parallel as that
    /// allows. Services unknown to the project (orphans) depend on nothing and run at once.
    func inReverseDependencyOrder(
        services: Set<String>, _ body: @escaping @Sendable (String) async throws -> Void
    ) async throws {
        let done = ServiceBarrier()
        try await forEachConcurrently(Array(services)) { service in
            try await done.run(service) {
                for dependent in graph.dependents(of: service) where services.contains(dependent) {
                    try await done.waitFor(dependent)
                }
                try await body(service)
            }
        }
    }

    private func removeVolumes(usedBy services: Set<String>?) async throws {
        let wanted = resources("volumes", usedBy: services)
        for (key, volume) in project.document["volumes"]?.mapping ?? [:]
        where volume["external"]?.value.isTrue != true && wanted?.contains(key) != false {
            let name = volume["name"]?.scalarText ?? key
            // Never a volume this project did not create, whatever its name.
            guard let existing = try await inspect({ try await client.inspectVolume(name) }),
                existing.labels[ComposeLabels.project] == project.name
            else { continue }
            let resource = "Volume \(name)"
            progress(.working(resource, "Removing"))
            do {
                try await client.removeVolume(name)
                progress(.done(resource, "Removed"))
            } catch let error as EngineError where error.code == .conflict {
                progress(.warning(resource, error.message))
            }
        }
    }

    private func removeImages(_ removal: DownOptions.ImageRemoval, usedBy selection: Set<String>?) async throws {
        var images = Set<String>()
        for (name, service) in services where selection?.contains(name) != false {
            let isLocal = service["image"] == nil
            // Named with their tag, as Compose names them.
            let image = imageName(of: name)
            if removal == .all || isLocal { images.insert(ImageDigests.hasTag(image) ? image : image + ":latest") }
        }
        for image in images.sorted() {
            guard try await inspect({ try await client.inspectImage(image) }) != nil else { continue }
            let resource = "Image \(image)"
            progress(.working(resource, "Removing"))
            do {
                _ = try await client.removeImage(image)
                progress(.done(resource, "Removed"))
            } catch let error as EngineError where error.code == .notFound {
                progress(.done(resource, "Removed"))
            } catch let error as EngineError where error.code == .conflict {
                // Used by a container of another project: it stays, and down goes on, as Compose's does.
                progress(ProgressEvent(resource: resource, text: "Resource is still in use", status: .warning))
            }
        }
    }
}
