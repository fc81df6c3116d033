import ComposeSpec
import DockerEngine
import Foundation
import Orchestration

/// Where completions find what the project and the engine hold.
protocol CompletionSource: Sendable {
    /// The project's services; with `running`, those that have a running container (all when the engine does not
    /// answer).
    func services(running: Bool, global: [String]) async -> [String]
    func profiles(global: [String]) async -> [String]
    /// The projects the engine runs.
    func projects() async -> [String]
    /// The numbers of the containers of `service` (of every service when nil).
    func replicaNumbers(service: String?, global: [String]) async -> [String]
}

/// The project in the current directory, as the global flags typed so far (`-f`, `-p`, `--profile`…) locate it,
/// and the engine; what cannot be read gives no candidate rather than an error.
struct ProjectCompletionSource: CompletionSource {
    private func project(_ global: [String]) -> LoadedProject? {
        guard let options = try? GlobalCommand.parse(global).options else { return nil }
        var projectOptions = options.projectOptions()
        projectOptions.profiles = ["*"]
        return try? ProjectLoader.load(projectOptions)
    }

    func services(running: Bool, global: [String]) async -> [String] {
        guard let project = project(global) else { return [] }
        let all = project.allServices
        guard running, let containers = await containers(project: project.name) else { return all }
        let active = Set(containers.filter { $0.state == "running" }.map(\.serviceName))
        return all.filter(active.contains)
    }

    func profiles(global: [String]) async -> [String] {
        project(global)?.allProfiles ?? []
    }

    func projects() async -> [String] {
        guard let client = try? EngineSelection.client(.none) else { return [] }
        return await answerQuickly { try await ProjectListing.projects(client: client, all: true).map(\.name) } ?? []
    }

    func replicaNumbers(service: String?, global: [String]) async -> [String] {
        guard let project = project(global), let containers = await containers(project: project.name) else { return [] }
        let numbers = containers.filter { service == nil || $0.serviceName == service }.compactMap(\.containerNumber)
        return Set(numbers).sorted().map(String.init)
    }

    private func containers(project: String) async -> [ContainerSummary]? {
        guard let client = try? EngineSelection.client(.none) else { return nil }
        return await answerQuickly {
            try await ProjectContainerQuery(client: client, project: project).containers(all: true)
        }
    }

    /// `body`'s answer within two seconds, else nil: a shell waiting on a completion must not hang.
    private func answerQuickly<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) async -> Value? {
        await withTaskGroup(of: Value?.self) { group in
            group.addTask { try? await body() }
            group.addTask {
                try? await Task.sleep(for: .seconds(2))
                return nil
            }
            defer { group.cancelAll() }
            return await group.next() ?? nil
        }
    }
}
