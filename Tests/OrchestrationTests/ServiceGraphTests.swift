import Testing

@testable import ComposeSpec
@testable import Orchestration

@Suite struct ServiceGraphTests {
    static func graph(_ yaml: String) throws -> ServiceGraph {
        ServiceGraph(document: try #require(try YAMLReader.documents(yaml, file: "compose.yaml").first))
    }

    static let stack = """
        services:
          proxy: {depends_on: {web: {condition: service_started}, api: {condition: service_healthy}}}
          web: {depends_on: {api: {condition: service_started}}}
          api: {depends_on: {db: {condition: service_healthy, restart: true}, migrate: {condition: service_completed_successfully}}}
          migrate: {depends_on: {db: {condition: service_healthy}}}
          db: {}
          cache: {}
        """

    @Test func startOrderPutsDependenciesFirst() throws {
        let order = try Self.graph(Self.stack).startOrder()
        #expect(order == ["cache", "db", "migrate", "api", "web", "proxy"])
    }

    @Test func dependenciesCarryTheirCondition() throws {
        let dependencies = try Self.graph(Self.stack).dependencies(of: "api")
        #expect(dependencies.map(\.service) == ["db", "migrate"])
        #expect(dependencies.map(\.condition) == [.healthy, .completedSuccessfully])
        #expect(dependencies.map(\.restart) == [true, false])
    }

    @Test func closures() throws {
        let graph = try Self.graph(Self.stack)
        #expect(graph.withDependencies(["web"]) == ["web", "api", "db", "migrate"])
        #expect(graph.withDependents(["migrate"]) == ["migrate", "api", "web", "proxy"])
        #expect(graph.dependents(of: "db") == ["api", "migrate"])
    }

    @Test func startOrderOfASelection() throws {
        #expect(try Self.graph(Self.stack).startOrder(of: ["proxy", "db", "cache"]) == ["cache", "db", "proxy"])
    }

    @Test func optionalDependencyOnAMissingServiceIsIgnored() throws {
        let graph = try Self.graph("services: {a: {depends_on: {gone: {condition: service_started, required: false}}}}")
        #expect(graph.dependencies(of: "a").isEmpty)
    }
}

extension ServiceGraphTests {
    /// `up --wait` waits for these to exit 0 rather than to run.
    @Test func aServiceMustCompleteWhenAnotherWaitsForItsSuccessfulCompletion() throws {
        let graph = try Self.graph(Self.stack)
        #expect(graph.mustComplete("migrate"))
        #expect(!graph.mustComplete("db") && !graph.mustComplete("api") && !graph.mustComplete("cache"))
    }
}
