import DockerEngine
import Orchestration

/// Removes by their labels the stacks of test processes that are gone: a process killed in the middle of a test
/// (SIGKILL, a CI timeout, a crash) could not remove its stack. Every stack start runs it first, so the next run
/// cleans up after the killed one; stacks of live processes, and of other hosts, are left alone.
struct StackSweep: Sendable {
    let client: EngineClient

    func run() async throws {
        let filter: EngineFilters = ["label": [StackLabels.owner]]
        var owners: [String: String] = [:]  // stack -> owner label
        func note(_ labels: [String: String]) {
            guard let stack = labels[StackLabels.stack], let owner = labels[StackLabels.owner] else { return }
            owners[stack] = owner
        }
        for container in try await client.listContainers(all: true, filters: filter) { note(container.labels) }
        for network in try await client.listNetworks(filters: filter) { note(network.labels) }
        for volume in try await client.listVolumes(filters: filter).volumes { note(volume.labels) }
        for image in try await client.listImages(filters: filter) { note(image.labels) }
        let here = StackOwner.current
        let abandoned = owners.filter { StackOwner(label: $0.value)?.isGone(on: here) == true }.keys
        try await forEachConcurrently(abandoned.sorted()) { stack in
            try await StackRemoval(client: client).remove(stack: stack)
        }
    }
}

/// Removes everything labelled as part of one stack: its containers (with their anonymous volumes), then its
/// networks and volumes, then the images it built. What is already gone is skipped, and a container another sweep is
/// removing is waited for: stacks starting at once (in this process or another) sweep the same leftovers.
struct StackRemoval: Sendable {
    let client: EngineClient

    func remove(stack: String) async throws {
        let project: EngineFilters = ["label": ["\(ComposeLabels.project)=\(stack)"]]
        let containers = try await client.listContainers(all: true, filters: project)
        try await forEachConcurrently(containers.map(\.id)) { id in
            do {
                try await skippingGone { try await client.removeContainer(id, force: true, volumes: true) }
            } catch let error as EngineError where error.code == .conflict {
                // Another sweep is removing it ("removal … is already in progress"): its networks and volumes are
                // free once it is gone. Should that removal fail, the container is removed here after a minute.
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await skippingGone { _ = try await client.waitContainer(id, condition: .removed) }
                    }
                    group.addTask { try await Task.sleep(for: .seconds(60)) }
                    try await group.next()
                    group.cancelAll()
                }
                try await skippingGone { try await client.removeContainer(id, force: true, volumes: true) }
            }
        }
        for network in try await client.listNetworks(filters: project) {
            try await skippingGone { try await client.removeNetwork(network.id) }
        }
        for volume in try await client.listVolumes(filters: project).volumes {
            try await skippingGone { try await client.removeVolume(volume.name) }
        }
        for image in try await client.listImages(filters: ["label": ["\(StackLabels.stack)=\(stack)"]]) {
            // By each name, then by ID once untagged. An image another stack's container still uses stays, for
            // that stack's removal or the next sweep.
            for reference in image.repoTags.filter({ $0 != "<none>:<none>" }) + [image.id] {
                try await skippingGone(orInUse: true) { _ = try await client.removeImage(reference) }
            }
        }
    }

    private func skippingGone(orInUse: Bool = false, _ removal: () async throws -> Void) async throws {
        do {
            try await removal()
        } catch let error as EngineError where error.code == .notFound || (orInUse && error.code == .conflict) {
            // Gone already, or still in use by another stack's container.
        }
    }
}
