import ComposeSpec
import DockerEngine

/// What an interrupted `up` (Pier's or Docker Compose's) left behind, put right before `up` plans.
extension ProjectRuntime {
    /// Finishes or undoes the recreates an interrupted `up` left half done (see ``InterruptedRecreate``);
    /// returns whether it changed anything, so that the caller lists the containers again.
    func recoverInterruptedRecreates(
        _ observed: [ObservedContainer], configHashes: [String: String], stopTimeout: Int?
    ) async throws -> Bool {
        let recoveries = InterruptedRecreate.recoveries(observed: observed, configHashes: configHashes)
        for recovery in recoveries {
            switch recovery {
            case .finish(let replacement, let replaced, let name):
                let resource = "Container \(name)"
                progress(.working(resource, "Recreate"))
                if let replaced {
                    try await stopAndRemove(replaced, timeout: stopTimeout, removeVolumes: false, replaced: true)
                }
                try await client.renameContainer(replacement.id, to: name)
                progress(.done(resource, "Recreated"))
            case .undo(let replacement):
                try await stopAndRemove(replacement, timeout: stopTimeout, removeVolumes: false, replaced: true)
            }
        }
        return !recoveries.isEmpty
    }

    /// The configuration hash each service wants, given the containers that exist (those whose IDs a service's
    /// hash folds in, for `network_mode: service:…` and the like).
    func configHashes(_ observed: [ObservedContainer]) -> [String: String] {
        let existing = ServiceRegistry(existing: observed).resolver
        return services.reduce(into: [:]) { hashes, service in
            let ids = ComposeLabels.sharedContainerIDs(of: service.value, existing)
            hashes[service.key] = ServiceHash.of(service.value, containerIDs: ids)
        }
    }
}

extension ProjectRuntime {
    /// The network named `name`, or nil when there is none. Engine 20.10 lets two `up` at once create the
    /// project's network `key` twice under one name: the copies no container uses are removed (with a warning),
    /// and copies that containers use, or that another project made, are reported with what to do.
    func existingNetwork(_ name: String, key: String) async throws -> Network? {
        let named = try await client.listNetworks(filters: ["name": [name]]).filter { $0.name == name }
        guard named.count > 1 else { return named.first }
        var copies: [Network] = []
        for network in named.sorted(by: { $0.id < $1.id }) {
            if let copy = try await inspect({ try await client.inspectNetwork(network.id) }) { copies.append(copy) }
        }
        let ids = copies.map { String($0.id.prefix(12)) }.joined(separator: ", ")
        let ours = copies.allSatisfy {
            $0.labels[ComposeLabels.project] == project.name && $0.labels[ComposeLabels.network] == key
        }
        let used = copies.filter { !($0.containers.objectValue ?? [:]).isEmpty }
        guard ours, used.count <= 1, let kept = used.first ?? copies.first else {
            let remedy =
                ours
                ? "containers use more than one of them: run `pier down` (it removes them all), then `pier up`"
                : "not all of them were created by this project: remove the others (`docker network rm ID`)"
            throw OrchestrationError(
                .conflict,
                "network \(name) exists \(copies.count) times (\(ids)), which Engine 20.10 allows when two `up` "
                    + "run at once; \(remedy)")
        }
        for copy in copies where copy.id != kept.id {
            progress(
                .warning(
                    "Network \(name)",
                    "removing a copy of the network (\(copy.id.prefix(12))): two `up` at once created it twice"))
            do {
                try await client.removeNetwork(copy.id)
            } catch let error as EngineError where error.code == .notFound {
                // Removed meanwhile (by the other `up`'s repair).
            }
        }
        return kept
    }
}
