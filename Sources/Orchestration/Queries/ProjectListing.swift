import DockerEngine
import Foundation

/// A Compose project as `ls` shows it, found from its containers' labels.
public struct ProjectSummary: Sendable, Hashable {
    public var name: String
    /// Container states and counts: `exited(1), running(2)`.
    public var status: String
    /// The compose files the containers were created from, comma-separated (`N/A` when a container lacks them).
    public var configFiles: String

    public init(name: String, status: String, configFiles: String) {
        self.name = name
        self.status = status
        self.configFiles = configFiles
    }
}

/// `ls`: every project with containers on the engine, whoever created them.
public enum ProjectListing {
    /// Projects with running containers, or with any containers when `all`, sorted by name.
    public static func projects(client: EngineClient, all: Bool) async throws -> [ProjectSummary] {
        var filters = EngineFilters()
        filters.add("label", ComposeLabels.project)
        filters.add("label", ComposeLabels.configHash)
        return summaries(of: try await client.listContainers(all: all, filters: filters))
    }

    /// Groups containers by project, in name order.
    public static func summaries(of containers: [ContainerSummary]) -> [ProjectSummary] {
        let byProject = Dictionary(grouping: containers, by: \.projectName)
        return byProject.keys.sorted().map { name in
            let members = byProject[name] ?? []
            return ProjectSummary(
                name: name, status: combinedStatus(members.map(\.state)),
                configFiles: combinedConfigFiles(members) ?? "N/A")
        }
    }

    /// `running(2)`, or `exited(1), running(2)`: each state with its count, states in alphabetical order.
    public static func combinedStatus(_ states: [String]) -> String {
        var counts: [String: Int] = [:]
        for state in states { counts[state, default: 0] += 1 }
        return counts.keys.sorted().map { "\($0)(\(counts[$0] ?? 0))" }.joined(separator: ", ")
    }

    /// The config files of all containers without repeats, in the order met; nil when a container has no
    /// config files label (Compose then shows `N/A`).
    public static func combinedConfigFiles(_ containers: [ContainerSummary]) -> String? {
        var files: [String] = []
        for container in containers {
            guard let list = container.labels[ComposeLabels.configFiles] else { return nil }
            for file in list.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            where !files.contains(file) {
                files.append(file)
            }
        }
        return files.joined(separator: ",")
    }

    /// Whether `name` matches a `--filter name=…` value: a regular expression found anywhere in the name, as
    /// the docker CLI's filters match (an invalid expression matches nothing).
    public static func name(_ name: String, matches pattern: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        let range = NSRange(name.startIndex..., in: name)
        return expression.firstMatch(in: name, range: range) != nil
    }
}
