import ComposeAnalysis
import DockerEngine

/// What the engine runs for each service of a project, as `pier graph --live` shows it: the containers' states
/// and health, counted (`running=2 healthy=2`).
public enum LiveServiceState {
    /// For each service with containers, its `state` and `health` attributes.
    public static func attributes(client: EngineClient, project: String) async throws -> [String:
        [ProjectGraph.Attribute]]
    {
        let containers = try await ProjectContainerQuery(client: client, project: project).containers(all: true)
        var byService: [String: [ContainerSummary]] = [:]
        for container in containers { byService[container.serviceName, default: []].append(container) }
        return byService.mapValues { containers in
            var attributes = [ProjectGraph.Attribute("state", counted(containers.map(\.state)))]
            let healths = containers.compactMap { Self.health(of: $0.status) }
            if !healths.isEmpty { attributes.append(ProjectGraph.Attribute("health", counted(healths))) }
            return attributes
        }
    }

    /// The health the engine writes in a container's status: `(healthy)`, `(unhealthy)`, `(health: starting)`.
    static func health(of status: String) -> String? {
        if status.contains("(healthy)") { return "healthy" }
        if status.contains("(unhealthy)") { return "unhealthy" }
        if status.contains("(health: starting)") { return "starting" }
        return nil
    }

    /// `running` for one container, `running=2 exited=1` for several, sorted by name.
    private static func counted(_ values: [String]) -> String {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        if counts.count == 1, values.count == 1 { return values[0] }
        return counts.keys.sorted().map { "\($0)=\(counts[$0]!)" }.joined(separator: " ")
    }
}
