import Testing

@testable import ComposeSpec
@testable import Orchestration

@Suite struct PlannerTests {
    static let yaml = """
        services:
          db: {image: postgres}
          web: {image: nginx, scale: 3, depends_on: {db: {condition: service_started}}}
        """

    static func container(_ service: String, _ number: Int, hash: String = "h", image: String = "i")
        -> ObservedContainer
    {
        ObservedContainer(
            id: "\(service)\(number)", name: "p-\(service)-\(number)", service: service, number: number,
            configHash: hash, imageID: image, state: "running")
    }

    static func plan(
        _ observed: [ObservedContainer], planner: Planner = Planner(),
        hashes: [String: String] = ["db": "h", "web": "h"],
        images: [String: String] = [:]
    ) throws -> Plan {
        let document = try #require(try YAMLReader.documents(yaml, file: "compose.yaml").first)
        return planner.plan(
            document: document, graph: ServiceGraph(document: document), observed: observed, configHashes: hashes,
            imageIDs: images)
    }

    @Test func createsEverythingOnAnEmptyEngine() throws {
        let plan = try Self.plan([])
        #expect(plan.services.map(\.service) == ["db", "web"])
        #expect(plan.services[0].actions == [.create(number: 1)])
        #expect(plan.services[1].actions == [.create(number: 1), .create(number: 2), .create(number: 3)])
    }

    @Test func keepsWhatIsUpToDate() throws {
        let observed = [
            Self.container("db", 1), Self.container("web", 1), Self.container("web", 2), Self.container("web", 3),
        ]
        let plan = try Self.plan(observed)
        #expect(plan.services.flatMap(\.actions).allSatisfy { if case .keep = $0 { true } else { false } })
    }

    @Test func recreatesWhenTheConfigurationChanged() throws {
        let plan = try Self.plan([Self.container("db", 1, hash: "old")])
        #expect(plan.services[0].actions == [.recreate(Self.container("db", 1, hash: "old"))])
    }

    @Test func recreatesWhenTheImageChanged() throws {
        let plan = try Self.plan([Self.container("db", 1, image: "old")], images: ["db": "new"])
        #expect(plan.services[0].actions == [.recreate(Self.container("db", 1, image: "old"))])
    }

    @Test(arguments: [(RecreatePolicy.always, true), (.never, false)])
    func recreatePolicies(policy: RecreatePolicy, recreates: Bool) throws {
        var planner = Planner()
        planner.recreate = policy
        let observed = policy == .never ? Self.container("db", 1, hash: "old") : Self.container("db", 1)
        let action = try Self.plan([observed], planner: planner).services[0].actions[0]
        #expect(action == (recreates ? .recreate(observed) : .keep(observed)))
    }

    @Test func scalesDownFromTheHighestNumber() throws {
        var planner = Planner()
        planner.scale = ["web": 1]
        let observed = [Self.container("web", 1), Self.container("web", 2)]
        let actions = try Self.plan(observed, planner: planner).services[1].actions
        #expect(actions == [.keep(Self.container("web", 1)), .remove(Self.container("web", 2))])
    }

    @Test func fillsGapsInReplicaNumbers() throws {
        let actions = try Self.plan([Self.container("web", 2)]).services[1].actions
        #expect(actions == [.keep(Self.container("web", 2)), .create(number: 1), .create(number: 3)])
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
        let document = try #require(try YAMLReader.documents(Self.yaml, file: "compose.yaml").first)
        let observed = [
            Self.container("db", 1), Self.container("web", 1), Self.container("web", 2), Self.container("web", 3),
        ]
        let plan = planner.plan(
            document: document, graph: ServiceGraph(document: document), observed: observed,
            configHashes: ["db": "h", "web": "h"], explicitlySelected: ["web"])
        #expect(plan.services[0].actions == [.keep(Self.container("db", 1))])
        #expect(plan.services[1].actions.allSatisfy { if case .recreate = $0 { true } else { false } })
    }

    @Test func containersOfKnownButDisabledServicesAreNotOrphans() throws {
        let document = try #require(try YAMLReader.documents(Self.yaml, file: "compose.yaml").first)
        let plan = Planner().plan(
            document: document, graph: ServiceGraph(document: document), observed: [Self.container("debug", 1)],
            configHashes: [:], knownServices: ["db", "web", "debug"])
        #expect(plan.orphans.isEmpty)
    }

    @Test func alwaysRecreateDepsRecreatesTheDependenciesOfTheNamedServices() throws {
        var planner = Planner()
        planner.alwaysRecreateDependencies = true
        let document = try #require(try YAMLReader.documents(Self.yaml, file: "compose.yaml").first)
        let observed = [
            Self.container("db", 1), Self.container("web", 1), Self.container("web", 2), Self.container("web", 3),
        ]
        let plan = planner.plan(
            document: document, graph: ServiceGraph(document: document), observed: observed,
            configHashes: ["db": "h", "web": "h"], explicitlySelected: ["web"])
        #expect(plan.services[0].actions == [.recreate(Self.container("db", 1))])
        #expect(plan.services[1].actions.allSatisfy { if case .keep = $0 { true } else { false } })
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
        let document = try #require(try YAMLReader.documents(yaml, file: "compose.yaml").first)
        let observed = [Self.container("db", 1), Self.container("app", 1)]
        func plan(dbHash: String) -> Plan {
            Planner().plan(
                document: document, graph: ServiceGraph(document: document), observed: observed,
                configHashes: ["db": dbHash, "app": "h"])
        }
        #expect(plan(dbHash: "h").services.flatMap(\.actions).allSatisfy { $0.keepsItsContainer })
        let changed = plan(dbHash: "new")
        #expect(changed.services.map(\.service) == ["db", "app"])
        #expect(changed.services[1].actions == [.recreate(Self.container("app", 1))])
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
