import ComposeSpec
import DockerEngine
import Orchestration

/// Reads the engine's Compose projects for the page: the list, and one project in detail.
struct EngineReader: Sendable {
    let client: EngineClient
    let known: KnownProjects
    let environment: [String: String]

    /// Every project with containers on the engine, then those seen earlier that have none now (`down`).
    func projects() async throws -> [ProjectEntry] {
        var filters = EngineFilters()
        filters.add("label", ComposeLabels.project)
        filters.add("label", ComposeLabels.configHash)
        let present = OverviewBuilder.projects(try await client.listContainers(all: true, filters: filters))
        known.remember(present)
        return present + known.absent(from: present)
    }

    /// Where the project's files are: as last seen, else as its containers' labels say now.
    func source(_ name: String) async throws -> ProjectSource {
        if let source = known.source(name) { return source }
        let containers = try await ProjectContainerQuery(client: client, project: name).containers(all: true)
        guard !containers.isEmpty else {
            throw DashboardError("no project \(name) on the engine")
        }
        let entry = OverviewBuilder.entry(name: name, containers: containers)
        known.remember([entry])
        return ProjectSource(entry)
    }

    /// The project `name` in detail, its containers inspected; nil when it has no containers and was never seen.
    func overview(_ name: String) async throws -> ProjectOverview? {
        let containers = try await ProjectContainerQuery(client: client, project: name).containers(all: true)
        let entry: ProjectEntry
        if containers.isEmpty {
            guard let source = known.source(name) else { return nil }
            entry = ProjectEntry(
                name: name, status: "", configFiles: source.configFiles, workingDirectory: source.workingDirectory)
        } else {
            entry = OverviewBuilder.entry(name: name, containers: containers)
            known.remember([entry])
        }
        var document: Node?
        var unavailable: String?
        do {
            document = try ProjectSource(entry).load(environment: environment, profiles: .all).document
        } catch {
            unavailable = String(describing: error)
        }
        return OverviewBuilder.overview(
            entry: entry, containers: containers, inspections: await inspections(of: containers),
            document: document, actionsUnavailable: unavailable)
    }

    /// Each container's inspection, read concurrently; one removed meanwhile is left out.
    private func inspections(of containers: [ContainerSummary]) async -> [String: ContainerInspection] {
        await withTaskGroup(of: ContainerInspection?.self) { group in
            for container in containers {
                group.addTask { try? await client.inspectContainer(container.id) }
            }
            var found: [String: ContainerInspection] = [:]
            for await inspection in group {
                if let inspection { found[inspection.id] = inspection }
            }
            return found
        }
    }
}
