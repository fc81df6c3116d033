import ComposeSpec
import DockerEngine
import Foundation

/// Compares the project with what the engine has and decides what `up` does to every image, network, volume and
/// replica, and why. Pure: it reads no engine, so every decision is tested on its own. The decision to recreate a
/// container is Compose's (its configuration hash, its image, the networks a running one is on); the reasons
/// explain it (``ContainerDrift``).
public struct Planner: Sendable {
    public var recreate: RecreatePolicy = .whenChanged
    /// Dependencies of the selected services are recreated too (`--always-recreate-deps`).
    public var alwaysRecreateDependencies = false
    /// Replica counts from `--scale`, over the file's `scale` / `deploy.replicas`.
    public var scale: [String: Int] = [:]
    /// `--build` / `--no-build`, and `--pull` over each service's `pull_policy`.
    public var build: BuildMode = .whenMissing
    public var pull: PullPolicy?
    /// The keys of the volumes whose recreation the user agreed to (`up` asks; `-y` agrees).
    public var confirmedVolumes: Set<String> = []
    /// When the plan is made, for `pull_policy: daily` and the like.
    public var now = Date()

    public init() {}

    /// A planner for what `options` ask.
    public init(_ options: UpOptions) {
        recreate = options.recreate
        alwaysRecreateDependencies = options.alwaysRecreateDependencies
        scale = options.scale
        build = options.build
        pull = options.pull
    }

    /// What the project needs of the engine, as a whole.
    public struct Target: Sendable {
        public var project: ProjectContext
        public var graph: ServiceGraph
        public var apiVersion: APIVersion
        /// The services to converge: those named and, unless `--no-deps`, their dependencies.
        public var selection: Set<String>
        /// The services named on the command line (none: all).
        public var explicitlySelected: Set<String> = []
        /// Every service the files define, profiles aside: their containers are not orphans.
        public var knownServices: Set<String> = []

        public init(project: ProjectContext, graph: ServiceGraph, apiVersion: APIVersion, selection: Set<String>) {
            self.project = project
            self.graph = graph
            self.apiVersion = apiVersion
            self.selection = selection
        }

        var services: Node.Mapping { project.document["services"]?.mapping ?? [:] }
    }

    /// The whole plan. `imageIDs` are the services' image IDs once their images were pulled and built; without
    /// them, the plan's own image steps say which images stay and which change.
    public func plan(_ target: Target, observed: ObservedState, imageIDs: [String: String]? = nil) -> Plan {
        let images = imagePlans(target, observed: observed)
        let networks = networkPlans(target, observed: observed)
        let volumes = volumePlans(target, observed: observed)
        // What the network and volume steps leave: the containers on a recreated network stopped, those mounting a
        // recreated volume gone.
        let stopped = Set(networks.filter(\.recreates).flatMap(\.containers).map(\.id))
        let removed = Set(volumes.filter(\.recreates).flatMap(\.containers).map(\.id))
        var containers = observed.serviceContainers.filter { !removed.contains($0.id) }
        for index in containers.indices where stopped.contains(containers[index].id) {
            containers[index].state = "exited"
        }
        var knownIDs = imageIDs ?? [:]
        var changing: [String: String] = [:]
        if imageIDs == nil {
            for image in images {
                switch image.action {
                case .use(let id): knownIDs[image.service] = id
                case .pull: changing[image.service] = "to be pulled"
                case .build: changing[image.service] = "to be built"
                }
            }
        }
        var state = observed
        state.containers = containers
        let (services, orphans) = servicePlans(
            target, observed: state, imageIDs: knownIDs, changingImages: changing)
        return Plan(images: images, networks: networks, volumes: volumes, services: services, orphans: orphans)
    }

    /// `scale`, else `deploy.replicas`, else 1; a `global` service runs once here.
    public static func replicas(of service: Node) -> Int {
        if case .int(let scale) = service["scale"]?.value { return max(0, scale) }
        if service["deploy"]?["mode"]?.string == "global" { return 1 }
        if case .int(let replicas) = service["deploy"]?["replicas"]?.value { return max(0, replicas) }
        return 1
    }
}

extension ResourcePlan {
    /// Whether the resource is removed and created again.
    var recreates: Bool {
        if case .recreate = action { return true }
        return false
    }
}
