import DockerEngine

/// Finds the containers of one project by their Compose labels, as Docker Compose does: so stacks either tool
/// started are found alike.
public struct ProjectContainerQuery: Sendable {
    /// Whether one-off containers (`run`) are listed.
    public enum OneOffSelection: Sendable {
        case exclude, include, only
    }

    public let client: EngineClient
    /// The project name; Compose matches it in lower case.
    public let project: String

    public init(client: EngineClient, project: String) {
        self.client = client
        self.project = project.lowercased()
    }

    /// The project's containers: running ones, or all with `all`; those of `services` when not empty.
    public func containers(
        oneOff: OneOffSelection = .exclude, all: Bool = false, services: [String] = []
    ) async throws -> [ContainerSummary] {
        var filters = Self.filters(project: project, oneOff: oneOff)
        // The engine takes one service label; several are filtered here (labels of one key combine as AND).
        if services.count == 1 { filters.add("label", "\(ComposeLabels.service)=\(services[0])") }
        let found = try await client.listContainers(all: all, filters: filters)
        guard !services.isEmpty else { return found }
        let wanted = Set(services)
        return found.filter { wanted.contains($0.serviceName) }
    }

    /// The container `index` (its number) of `service`, or the first one by number, one-off containers last.
    public func container(
        service: String, index: Int? = nil, oneOff: OneOffSelection = .exclude, all: Bool = false
    ) async throws -> ContainerSummary {
        var filters = Self.filters(project: project, oneOff: oneOff)
        filters.add("label", "\(ComposeLabels.service)=\(service)")
        if let index, index > 0 { filters.add("label", "\(ComposeLabels.containerNumber)=\(index)") }
        let found = try await client.listContainers(all: all, filters: filters)
        guard let first = Self.sortedByNumber(found).first else {
            if let index, index > 0 {
                throw OrchestrationError(
                    .notRunning, "service \"\(service)\" is not running container #\(index)", service: service)
            }
            throw OrchestrationError(.notRunning, "service \"\(service)\" is not running", service: service)
        }
        return first
    }

    /// The label filters Compose lists a project's containers with: the project, a config hash (so containers
    /// Compose did not create are left out), and the one-off flag.
    static func filters(project: String, oneOff: OneOffSelection) -> EngineFilters {
        var filters = EngineFilters()
        filters.add("label", "\(ComposeLabels.project)=\(project)")
        filters.add("label", ComposeLabels.configHash)
        switch oneOff {
        case .exclude: filters.add("label", "\(ComposeLabels.oneOff)=False")
        case .only: filters.add("label", "\(ComposeLabels.oneOff)=True")
        case .include: break
        }
        return filters
    }

    /// Service containers by number, then one-off containers.
    public static func sortedByNumber(_ containers: [ContainerSummary]) -> [ContainerSummary] {
        containers.sorted { left, right in
            if left.isOneOff != right.isOneOff { return !left.isOneOff }
            return (left.containerNumber ?? 0) < (right.containerNumber ?? 0)
        }
    }

    /// Containers whose state is one of `states` (`running`, `exited`…), as `ps --status` keeps them.
    public static func filter(_ containers: [ContainerSummary], states: [String]) -> [ContainerSummary] {
        containers.filter { states.contains($0.state) }
    }
}
