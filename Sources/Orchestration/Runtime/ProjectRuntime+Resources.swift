import ComposeSpec
import DockerEngine

/// Networks, volumes and images a project needs before its containers can be created.
extension ProjectRuntime {
    /// Creates the project's networks that are missing; checks that external ones exist.
    func ensureNetworks() async throws {
        for (key, network) in project.document["networks"]?.mapping ?? [:] {
            let name = network["name"]?.scalarText ?? key
            let isExternal = network["external"]?.value.isTrue == true
            if let existing = try await inspect({ try await client.inspectNetwork(name) }) {
                // A network of the same name that this project did not create is not taken over.
                if !isExternal, existing.labels[ComposeLabels.network] != key {
                    throw RuntimeError(
                        "network \(name) was found but has incorrect label \(ComposeLabels.network) set to "
                            + "\"\(existing.labels[ComposeLabels.network] ?? "")\" (expected: \"\(key)\"); declare it "
                            + "`external: true` to use it, or remove it")
                }
                continue
            }
            if isExternal {
                throw RuntimeError(
                    "network \(name) declared as external, but could not be found: create it with "
                        + "`docker network create \(name)`")
            }
            let resource = "Network \(name)"
            progress(.working(resource, "Creating"))
            let (body, warnings) = try NetworkSpec.createBody(project: project, key: key, apiVersion: apiVersion)
            for warning in warnings {
                progress(ProgressEvent(resource: resource, text: "Warning", status: .warning, detail: warning))
            }
            _ = try await client.createNetwork(body: body)
            progress(.done(resource, "Created"))
        }
    }

    /// Creates the project's named volumes that are missing; checks that external ones exist.
    func ensureVolumes() async throws {
        for (key, volume) in project.document["volumes"]?.mapping ?? [:] {
            let name = volume["name"]?.scalarText ?? key
            if let existing = try await inspect({ try await client.inspectVolume(name) }) {
                if volume["external"]?.value.isTrue != true, existing.labels[ComposeLabels.project] != project.name {
                    progress(
                        ProgressEvent(
                            resource: "Volume \(name)", text: "Warning", status: .warning,
                            detail: "volume \"\(name)\" already exists but was not created by this project; use "
                                + "`external: true` to use an existing volume (down -v leaves it alone)"))
                }
                continue
            }
            if volume["external"]?.value.isTrue == true {
                throw RuntimeError(
                    "external volume \"\(name)\" not found: create it with `docker volume create \(name)`")
            }
            let resource = "Volume \(name)"
            progress(.working(resource, "Creating"))
            _ = try await client.createVolume(body: try VolumeSpec.createBody(project: project, key: key))
            progress(.done(resource, "Created"))
        }
    }

    /// The image ID of each selected service, pulling images that are missing (or always, per `pull_policy`).
    func ensureImages(for selection: Set<String>) async throws -> [String: String] {
        var pulls: [String: String] = [:]  // image -> a service that needs it, for messages
        var builds: [String] = []
        var imageIDs: [String: String] = [:]
        for name in selection.sorted() {
            let image = imageName(of: name)
            let policy = services[name]?["pull_policy"]?.scalarText ?? "missing"
            if policy != "always", let inspected = try await inspect({ try await client.inspectImage(image) }) {
                imageIDs[name] = inspected.id
                continue
            }
            if policy == "never" {
                throw RuntimeError("service \"\(name)\": image \(image) is not present and pull_policy is never")
            }
            if services[name]?["build"] != nil, services[name]?["image"] == nil || policy == "build" {
                builds.append(name)
                continue
            }
            pulls[image] = name
        }
        // A service that can be built falls back to building when its image cannot be pulled (Compose's warning).
        let fallbacks = try await withThrowingTaskGroup(of: String?.self) { group in
            for (image, service) in pulls {
                let buildable = services[service]?["build"] != nil
                group.addTask { try await pull(image, for: service, buildable: buildable) ? nil : service }
            }
            return try await group.reduce(into: [String]()) { if let service = $1 { $0.append(service) } }
        }
        builds += fallbacks.sorted()
        for name in builds { try await buildImage(of: name, request: BuildRequest()) }
        for name in selection where imageIDs[name] == nil {
            imageIDs[name] = try await client.inspectImage(imageName(of: name)).id
        }
        return imageIDs
    }

    /// What an inspection returns, or nil when the object does not exist; other failures are thrown.
    func inspect<Object: Sendable>(_ call: () async throws -> Object) async throws -> Object? {
        do {
            return try await call()
        } catch let error as EngineError where error.code == .notFound {
            return nil
        }
    }

    /// Pulls `image`; false when it failed but the service can be built instead.
    private func pull(_ image: String, for service: String, buildable: Bool) async throws -> Bool {
        let resource = "Image \(image)"
        progress(.working(resource, "Pulling"))
        do {
            for try await _ in try await client.pullImage(image, platform: services[service]?["platform"]?.scalarText) {
            }
        } catch let error as EngineError {
            if buildable {
                progress(ProgressEvent(resource: resource, text: "Warning", status: .warning, detail: error.message))
                return false
            }
            progress(.failed(resource, error.message))
            throw RuntimeError("service \"\(service)\": cannot pull image \(image): \(error.message)")
        }
        progress(.done(resource, "Pulled"))
        return true
    }
}
