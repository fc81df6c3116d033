import DockerEngine

/// How `down` removes the project's networks, and the endpoints the engine leaves on them.
extension ProjectRuntime {
    /// Removes the project's networks that `services` use (all when nil).
    func removeNetworks(usedBy services: Set<String>?) async throws {
        // Only networks this project created: a network merely named like one of its own is not touched. By ID,
        // so that a network Engine 20.10 let two `up` at once create twice goes, both of it.
        let labelled = try await client.listNetworks(filters: ["label": ["\(ComposeLabels.project)=\(project.name)"]])
        let wanted = resources("networks", usedBy: services)
        let chosen = labelled.filter { wanted?.contains($0.labels[ComposeLabels.network] ?? "") != false }
        for network in chosen.sorted(by: { ($0.name, $0.id) < ($1.name, $1.id) }) {
            let resource = "Network \(network.name)"
            progress(.working(resource, "Removing"))
            // Whether the network listed no container when looked at, for telling the engine's fault below.
            var listedNone = false
            do {
                // As Compose: a network containers still use (of another project, or this one's in a dry run)
                // stays, with a warning.
                let attached = try await client.inspectNetwork(network.id).containers.objectValue ?? [:]
                listedNone = attached.isEmpty
                if !attached.isEmpty, try await !releaseStaleEndpoints(attached, of: network.id) {
                    progress(ProgressEvent(resource: resource, text: "Resource is still in use", status: .warning))
                    continue
                }
                try await client.removeNetwork(network.id)
                progress(.done(resource, "Removed"))
            } catch let error as EngineError where error.code == .notFound {
                progress(.done(resource, "Removed"))
            } catch let error as EngineError where error.code == .conflict || error.code == .forbidden {
                // Engine 20.10 now and then counts an endpoint that no container holds, and no name reaches
                // (`docker network rm` and `disconnect -f` fail too): only its restart clears it. Said so.
                if error.message.contains("active endpoints"), listedNone {
                    progress(
                        .warning(
                            resource,
                            "the engine counts an endpoint on it that no container holds (a fault of the engine, "
                                + "seen with Engine 20.10): it stays until the engine restarts; `up` keeps using it"))
                    continue
                }
                // Taken into use since: leave it too.
                progress(.warning(resource, error.message))
            }
        }
    }

    /// When none of the containers `attached` to the network exists any more, the endpoints are the engine's own
    /// leftovers (Engine 20.10 keeps one now and then after removing a container, and then refuses to remove the
    /// network for it, for good): they are disconnected by force, as `docker network disconnect -f` does, and true
    /// is returned. False when a container still uses the network (nothing is changed then), and in a dry run.
    private func releaseStaleEndpoints(_ attached: [String: JSONValue], of network: String) async throws -> Bool {
        guard !client.isDryRun else { return false }
        var stale: [String] = []
        for (id, endpoint) in attached {
            do {
                _ = try await client.inspectContainer(id)
                return false
            } catch let error as EngineError where error.code == .notFound {
                stale.append(endpoint["Name"]?.stringValue ?? id)
            }
        }
        for name in stale.sorted() {
            progress(
                .warning("Network endpoint \(name)", "left behind by the engine for a removed container: released"))
            try await client.disconnectNetwork(network, container: name, force: true)
        }
        return true
    }
}
