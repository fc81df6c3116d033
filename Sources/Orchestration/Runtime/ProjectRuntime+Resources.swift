import ComposeSpec
import DockerEngine

/// Networks and volumes a project needs before its containers can be created.
extension ProjectRuntime {
    /// Creates the project's networks that are missing, and recreates those whose configuration changed
    /// (``recreateIfDiverged(network:existing:selection:)``: `selection` is what the caller starts afterwards);
    /// checks that external ones exist.
    func ensureNetworks(selection: Set<String>? = nil) async throws {
        for (key, network) in project.document["networks"]?.mapping ?? [:] {
            let name = network["name"]?.scalarText ?? key
            let isExternal = network["external"]?.value.isTrue == true
            if let existing = try await existingNetwork(name, key: key) {
                // A network of the same name that this project did not create is not taken over.
                if !isExternal, existing.labels[ComposeLabels.network] != key {
                    throw OrchestrationError(
                        .conflict,
                        "network \(name) was found but has incorrect label \(ComposeLabels.network) set to "
                            + "\"\(existing.labels[ComposeLabels.network] ?? "")\" (expected: \"\(key)\"); declare it "
                            + "`external: true` to use it, or remove it")
                }
                if !isExternal { try await recreateIfDiverged(network: key, existing: existing, selection: selection) }
                continue
            }
            if isExternal {
                throw OrchestrationError(
                    .notFound,
                    "network \(name) declared as external, but could not be found: create it with "
                        + "`docker network create \(name)`")
            }
            let resource = "Network \(name)"
            progress(.working(resource, "Creating"))
            let body = try NetworkSpec.createBody(project: project, key: key, apiVersion: apiVersion)
            do {
                _ = try await client.createNetwork(body: body)
            } catch let error as EngineError where error.code == .connectionLost {
                // The engine may have created it before the connection broke: create it only if it did not.
                if try await existingNetwork(name, key: key) == nil { _ = try await client.createNetwork(body: body) }
            }
            progress(.done(resource, "Created"))
        }
    }

    /// Creates the project's named volumes that are missing; checks that external ones exist. A volume of the
    /// project whose configuration changed is recreated when `confirm` agrees (``recreateIfDiverged``).
    func ensureVolumes(confirm: VolumeRecreation? = nil) async throws {
        for (key, volume) in project.document["volumes"]?.mapping ?? [:] {
            let name = volume["name"]?.scalarText ?? key
            if var existing = try await inspect({ try await client.inspectVolume(name) }) {
                if let confirm, try await recreateIfDiverged(key, existing: existing, confirm: confirm) {
                    existing = try await client.inspectVolume(name)
                }
                if volume["external"]?.value.isTrue != true, existing.labels[ComposeLabels.project] != project.name {
                    let warning = ComposeWarning(
                        "volume \"\(name)\" already exists but was not created by this project; use `external: true` "
                            + "to use an existing volume (down -v leaves it alone)", at: volume.location)
                    progress(.warning("Volume \(name)", warning))
                }
                continue
            }
            if volume["external"]?.value.isTrue == true {
                throw OrchestrationError(
                    .notFound,
                    "external volume \"\(name)\" not found: create it with `docker volume create \(name)`")
            }
            let resource = "Volume \(name)"
            progress(.working(resource, "Creating"))
            _ = try await client.createVolume(body: try VolumeSpec.createBody(project: project, key: key))
            progress(.done(resource, "Created"))
        }
    }

    /// What an inspection returns, or nil when the object does not exist; other failures are thrown.
    func inspect<Object: Sendable>(_ call: () async throws -> Object) async throws -> Object? {
        do {
            return try await call()
        } catch let error as EngineError where error.code == .notFound {
            return nil
        }
    }
}
