import DockerEngine
import Testing

@testable import ComposeSpec
@testable import Orchestration

@Suite struct PlannerTests {
    static let yaml = """
        services:
          db: {image: postgres}
          web: {image: nginx, scale: 3, depends_on: {db: {condition: service_started}}}
        """

    /// A container as `up` created it from the service in `yaml` (`hash: "old"` for one made from another
    /// configuration).
    static func container(_ service: String, _ number: Int, hash: String? = nil, image: String = "i")
        -> ObservedContainer
    {
        ObservedContainer(
            id: "\(service)\(number)", name: "proj-\(service)-\(number)", service: service, number: number,
            configHash: hash ?? "", imageID: image, state: "running", networks: ["proj_default"])
    }

    /// The plan for `observed` containers of `yaml`; a container whose hash is empty gets its service's current one,
    /// computed as `up` computes it.
    static func plan(
        _ observed: [ObservedContainer], planner: Planner = Planner(), yaml: String = Self.yaml,
        images: [String: String] = [:], explicitlySelected: Set<String> = [], knownServices: Set<String> = []
    ) throws -> Plan {
        let project = try ServiceFixture.project(yaml)
        let services = project.document["services"]?.mapping ?? [:]
        let resolver = ContainerResolver { service in
            observed.filter { $0.service == service }.map {
                ServiceContainer(id: $0.id, name: $0.name, number: $0.number)
            }
        }
        let current = observed.map { container in
            guard container.configHash.isEmpty, let service = services[container.service] else { return container }
            var current = container
            let ids = ComposeLabels.sharedContainerIDs(of: service, resolver)
            current.configHash = ServiceHash.of(service, containerIDs: ids)
            return current
        }
        let graph = ServiceGraph(document: project.document)
        var target = Planner.Target(
            project: project, graph: graph, apiVersion: APIVersion(1, 41), selection: Set(graph.services))
        target.explicitlySelected = explicitlySelected
        target.knownServices = knownServices
        return planner.plan(target, observed: ObservedState(containers: current), imageIDs: images)
    }

    @Test func createsEverythingOnAnEmptyEngine() throws {
        let plan = try Self.plan([])
        #expect(plan.services.map(\.service) == ["db", "web"])
        #expect(plan.services.map(\.summary) == [["create 1"], ["create 1", "create 2", "create 3"]])
    }

    @Test func keepsWhatIsUpToDate() throws {
        let observed = [
            Self.container("db", 1), Self.container("web", 1), Self.container("web", 2), Self.container("web", 3),
        ]
        let plan = try Self.plan(observed, images: ["db": "i", "web": "i"])
        #expect(plan.services.flatMap(\.actions).allSatisfy { $0.keepsItsContainer })
        #expect(plan.services.allSatisfy { $0.reasons.isEmpty })
    }

    @Test func recreatesWhenTheConfigurationChanged() throws {
        let plan = try Self.plan([Self.container("db", 1, hash: "old")])
        #expect(plan.services[0].summary == ["recreate db1"])
        #expect(plan.services[0].reasons["db1"] == [PlanReason("configuration", "hash changed")])
    }

    @Test func recreatesWhenTheImageChanged() throws {
        let plan = try Self.plan([Self.container("db", 1, image: "old")], images: ["db": "new"])
        #expect(plan.services[0].summary == ["recreate db1"])
        #expect(plan.services[0].reasons["db1"] == [PlanReason("image", "digest")])
    }

    @Test(arguments: [(RecreatePolicy.always, true), (.never, false)])
    func recreatePolicies(policy: RecreatePolicy, recreates: Bool) throws {
        var planner = Planner()
        planner.recreate = policy
        let observed = policy == .never ? Self.container("db", 1, hash: "old") : Self.container("db", 1)
        let plan = try Self.plan([observed], planner: planner)
        #expect(plan.services[0].summary == [recreates ? "recreate db1" : "keep db1"])
        #expect(plan.services[0].reasons["db1"] == (recreates ? [PlanReason("--force-recreate")] : nil))
    }

    @Test func scalesDownFromTheHighestNumber() throws {
        var planner = Planner()
        planner.scale = ["web": 1]
        let observed = [Self.container("web", 1), Self.container("web", 2)]
        #expect(try Self.plan(observed, planner: planner).services[1].summary == ["keep web1", "remove web2"])
    }

    @Test func fillsGapsInReplicaNumbers() throws {
        #expect(try Self.plan([Self.container("web", 2)]).services[1].summary == ["keep web2", "create 1", "create 3"])
    }

    @Test func reportsOrphans() throws {
        let plan = try Self.plan([Self.container("old", 1)])
        #expect(plan.orphans.map(\.service) == ["old"])
    }

    @Test func replicasComeFromScaleThenDeploy() throws {
        let document = try #require(
            try YAMLReader.documents("{a: {deploy: {replicas: 4}}, b: {deploy: {mode: global}}, c: {}}", file: "x")
                .first)
        #expect(Planner.replicas(of: document["a"]!) == 4)
        #expect(Planner.replicas(of: document["b"]!) == 1)
        #expect(Planner.replicas(of: document["c"]!) == 1)
    }

    @Test func forceRecreateConcernsOnlyTheNamedServices() throws {
        var planner = Planner()
        planner.recreate = .always
        let observed = [
            Self.container("db", 1), Self.container("web", 1), Self.container("web", 2), Self.container("web", 3),
        ]
        let plan = try Self.plan(observed, planner: planner, explicitlySelected: ["web"])
        #expect(plan.services[0].summary == ["keep db1"])
        #expect(plan.services[1].summary == ["recreate web1", "recreate web2", "recreate web3"])
    }

    @Test func containersOfKnownButDisabledServicesAreNotOrphans() throws {
        let plan = try Self.plan([Self.container("debug", 1)], knownServices: ["db", "web", "debug"])
        #expect(plan.orphans.isEmpty)
    }

    @Test func alwaysRecreateDepsRecreatesTheDependenciesOfTheNamedServices() throws {
        var planner = Planner()
        planner.alwaysRecreateDependencies = true
        let observed = [
            Self.container("db", 1), Self.container("web", 1), Self.container("web", 2), Self.container("web", 3),
        ]
        let plan = try Self.plan(observed, planner: planner, explicitlySelected: ["web"])
        #expect(plan.services[0].summary == ["recreate db1"])
        #expect(plan.services[0].reasons["db1"] == [PlanReason("--always-recreate-deps")])
        #expect(plan.services[1].actions.allSatisfy { $0.keepsItsContainer })
    }

    /// A container sharing another service's namespace or volumes has that container's ID in its hash (as
    /// Compose computes it): it is recreated when that container is, and only then.
    @Test(arguments: ["network_mode: service:db", "volumes_from: [db]", "ipc: service:db"])
    func sharingWithARecreatedContainerRecreates(sharing: String) throws {
        let yaml = """
            services:
              db: {image: postgres}
              app: {image: busybox, \(sharing), depends_on: {db: {condition: service_started}}}
            """
        let kept = try Self.plan([Self.container("db", 1), Self.container("app", 1)], yaml: yaml)
        #expect(kept.services.flatMap(\.actions).allSatisfy { $0.keepsItsContainer })
        let changed = try Self.plan([Self.container("db", 1, hash: "old"), Self.container("app", 1)], yaml: yaml)
        #expect(changed.services.map(\.service) == ["db", "app"])
        #expect(changed.services[1].summary == ["recreate app1"])
        #expect(changed.services[1].reasons["app1"] == [PlanReason("service:db", "recreated")])
    }

    @Test func aRunningContainerMissingANetworkIsRecreated() throws {
        let yaml = "services:\n  db: {image: postgres, networks: [back]}\nnetworks:\n  back: {}\n"
        let plan = try Self.plan([Self.container("db", 1)], yaml: yaml)
        #expect(plan.services[0].reasons["db1"] == [PlanReason("networks.back", "not connected")])
    }

    /// A dry run reports `up`'s steps in `up`'s order: images missing from the engine pulled, networks created, the
    /// containers created or recreated, then started; a running container kept as it is is reported running.
    @Test func dryRunProgressFollowsTheSteps() throws {
        let plan = try Self.plan([Self.container("db", 1, hash: "old"), Self.container("web", 1)])
        let project = try ServiceFixture.project(Self.yaml)
        let lines = try plan.steps(in: project).upProgress().map { "\($0.resource) \($0.text)" }
        #expect(
            lines == [
                "Image postgres Pulling", "Image postgres Pulled", "Image nginx Pulling", "Image nginx Pulled",
                "Network proj_default Creating", "Network proj_default Created", "Container proj-db-1 Recreate",
                "Container proj-db-1 Recreated", "Container proj-web-1 Running",
                "Container proj-web-2 Creating", "Container proj-web-2 Created", "Container proj-web-3 Creating",
                "Container proj-web-3 Created", "Container proj-db-1 Starting", "Container proj-db-1 Started",
                "Container proj-web-2 Starting", "Container proj-web-2 Started", "Container proj-web-3 Starting",
                "Container proj-web-3 Started",
            ])
        #expect(plan.steps(in: project, start: false).allSatisfy { !$0.starts || $0.isRunning })
    }

    @Test func sharedServicesAreNamed() throws {
        let yaml = """
            network_mode: service:net
            ipc: service:ipc
            pid: host
            volumes_from: [data, "logs:ro", "container:other"]
            """
        let service = try #require(try YAMLReader.documents(yaml, file: "compose.yaml").first)
        #expect(ServiceHash.sharedServices(of: service) == ["net", "ipc", "data", "logs"])
    }
}

extension Plan.ServicePlan {
    /// Each action in a word and the container it concerns: `create 2`, `keep web1`.
    var summary: [String] {
        actions.map { action in
            switch action {
            case .create(let number): "create \(number)"
            case .keep(let container): "keep \(container.id)"
            case .recreate(let container): "recreate \(container.id)"
            case .remove(let container): "remove \(container.id)"
            }
        }
    }
}
