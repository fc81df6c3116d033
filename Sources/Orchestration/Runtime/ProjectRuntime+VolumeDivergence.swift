import ComposeSpec
import DockerEngine

/// Asks whether a volume whose configuration changed may be recreated (its data is lost): `up -y` agrees at once,
/// otherwise the user is asked.
public typealias VolumeRecreation = @Sendable (_ question: String) async -> Bool

extension ProjectRuntime {
    /// Recreates the project's volume `key` when its configuration hash differs from the one the engine's volume
    /// carries and `confirm` agrees, as Docker Compose does: the project's containers that mount it are stopped and
    /// removed first (`up` creates them again). Returns whether it was recreated.
    func recreateIfDiverged(_ key: String, existing: Volume, confirm: VolumeRecreation) async throws -> Bool {
        guard let definition = project.definition("volumes", key), definition.field("external")?.boolValue != true,
            existing.labels[ComposeLabels.project] == project.name,
            let current = existing.labels[ComposeLabels.configHash],
            current
                != ComposeLabels.volume(project: project, key: key, definition: definition)[ComposeLabels.configHash]
        else { return false }
        let name = project.engineName("volumes", key)
        let question =
            "Volume \"\(name)\" exists but doesn't match configuration in compose file. Recreate (data will be lost)?"
        guard await confirm(question) else { return false }
        var mounting: [ObservedContainer] = []
        for container in try await containers(includeOneOff: true) {
            let mounts = try await client.inspectContainer(container.id).raw["Mounts"]?.arrayValue ?? []
            if mounts.contains(where: { $0["Name"]?.stringValue == name }) { mounting.append(container) }
        }
        try await forEach(mounting) { container in
            try await stopAndRemove(container, timeout: nil, removeVolumes: false)
        }
        let resource = "Volume \(name)"
        progress(.working(resource, "Removing"))
        try await client.removeVolume(name)
        progress(.done(resource, "Removed"))
        progress(.working(resource, "Creating"))
        _ = try await client.createVolume(body: try VolumeSpec.createBody(project: project, key: key))
        progress(.done(resource, "Created"))
        return true
    }
}
