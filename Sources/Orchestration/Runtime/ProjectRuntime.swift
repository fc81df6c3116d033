import ComposeSpec
import DockerEngine
import Foundation

/// A loaded project and the engine it runs on: the operations behind `up`, `down`, `stop` and the rest.
public struct ProjectRuntime: Sendable {
    public let client: EngineClient
    public let project: ProjectContext
    public let graph: ServiceGraph
    public let apiVersion: APIVersion
    public internal(set) var progress: ProgressHandler
    /// Where pulls and pushes find registry credentials: `config.json` of the process's docker configuration.
    public var credentials = CredentialStore(environment: ProcessInfo.processInfo.environment)
    /// Every service the files define, profiles aside: their containers are not orphans.
    let knownServices: Set<String>

    /// `resourceLabels` go on everything the runtime creates (see ``ProjectContext/resourceLabels``);
    /// `nameSeparator` joins the parts of container and image names: `_` in compatibility mode.
    public init(
        client: EngineClient, project: LoadedProject, resourceLabels: [String: String] = [:],
        nameSeparator: String = "-",
        progress: @escaping ProgressHandler
    ) async throws {
        self.client = client
        var context = ProjectContext(project)
        context.resourceLabels = resourceLabels
        context.nameSeparator = nameSeparator
        self.project = context
        self.graph = ServiceGraph(document: project.document)
        self.apiVersion = try await client.apiVersion()
        self.progress = progress
        self.knownServices = Set(project.allServices).union(self.graph.services)
    }

    var services: Node.Mapping { project.document["services"]?.mapping ?? [:] }

    /// The same runtime, its operations' progress sent to `handler` instead.
    public func reporting(to handler: @escaping ProgressHandler) -> ProjectRuntime {
        var runtime = self
        runtime.progress = handler
        return runtime
    }

    /// The project's containers, running or not, by service and number (with `newestFirst`, as the engine lists
    /// them: the last created first); one-off (`run`) containers only when asked.
    public func containers(includeOneOff: Bool = false, newestFirst: Bool = false) async throws -> [ObservedContainer] {
        let summaries = try await client.listContainers(
            all: true, filters: ["label": ["\(ComposeLabels.project)=\(project.name)"]])
        let containers = summaries.map(ObservedContainer.init(summary:)).filter { includeOneOff || !$0.isOneOff }
        return newestFirst ? containers : containers.sorted { ($0.service, $0.number) < ($1.service, $1.number) }
    }

    /// The image a service runs: its `image`, or the name Compose gives the image it builds.
    func imageName(of service: String) -> String {
        services[service]?["image"]?.scalarText
            ?? ContainerNames.defaultImage(project: project.name, service: service, separator: project.nameSeparator)
    }

    /// `selection`, widened to the services it depends on unless `withDependencies` is false; all when empty.
    public func selection(_ names: [String], withDependencies: Bool = true) throws -> Set<String> {
        for name in names where services[name] == nil {
            throw OrchestrationError.noSuchService(name)
        }
        if names.isEmpty { return Set(graph.services) }
        return withDependencies ? graph.withDependencies(names) : Set(names)
    }
}

extension ObservedContainer {
    init(summary: ContainerSummary) {
        let labels = summary.labels
        self.init(
            id: summary.id,
            name: summary.names.first.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } ?? summary.id,
            service: labels[ComposeLabels.service] ?? "",
            number: Int(labels[ComposeLabels.containerNumber] ?? "") ?? 0,
            isOneOff: labels[ComposeLabels.oneOff] == "True",
            configHash: labels[ComposeLabels.configHash] ?? "",
            imageID: summary.imageID,
            state: summary.state,
            labels: labels,
            networks: Set((summary.networkSettings["Networks"]?.objectValue ?? [:]).keys),
            volumes: Set((summary.mounts.arrayValue ?? []).compactMap { $0["Name"]?.stringValue }))
    }

    /// How progress lines name the container.
    var resource: String { "Container \(name)" }
}
