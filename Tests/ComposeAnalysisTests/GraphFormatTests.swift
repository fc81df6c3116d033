import ComposeSpec
import Foundation
import Testing

@testable import ComposeAnalysis

/// The renderings: deterministic bytes, valid DOT (rendered by Graphviz), escaping, and the edges that
/// `links`, `volumes_from`, `network_mode: service:`, secrets and configs make.
@Suite struct GraphFormatTests {
    static let compose = """
        name: graphtest
        services:
          web:
            image: "nginx:1.27"
            ports: ["127.0.0.1:8080:80", "9000"]
            links: ["api:backend"]
            depends_on:
              api: {condition: service_healthy, restart: true}
              cache: {condition: service_started, required: false}
            secrets: [token]
            configs: [{source: site, target: /etc/site.conf}]
          api:
            image: "api:2"
            scale: 3
            healthcheck: {test: ["CMD", "true"]}
            volumes: ["data:/var/lib/data:ro"]
            networks: {back: {aliases: ["the \\"api\\""]}}
          sidecar:
            image: "busybox:1.36"
            network_mode: "service:api"
            volumes_from: ["api:ro"]
            profiles: [debug]
        volumes: {data: {}}
        networks: {back: {}}
        secrets: {token: {file: ./token.txt}}
        configs: {site: {content: "hello"}}
        """

    static func graph() throws -> ProjectGraph {
        ProjectGraph(project: try Fixtures.project(["compose.yaml": compose, "token.txt": "x"]))
    }

    @Test func edgesOfImplicitDependencies() throws {
        let edges = GraphSeedTests.edges(try Self.graph())
        #expect(edges.contains("service:web -links-> service:api alias=backend"))
        #expect(
            edges.contains("service:web -depends_on-> service:api condition=service_healthy required=true restart=true")
        )
        #expect(edges.contains("service:sidecar -network_mode-> service:api"))
        #expect(edges.contains("service:sidecar -volumes_from-> service:api mode=ro"))
        #expect(edges.contains("service:web -secret-> secret:token target=/run/secrets/token"))
        #expect(edges.contains("service:web -config-> config:site target=/etc/site.conf"))
        #expect(edges.contains("service:api -volume-> volume:data target=/var/lib/data read_only=true"))
        #expect(edges.contains("port:127.0.0.1:8080/tcp -port-> service:web target=80/tcp"))
        #expect(edges.contains("port:web:9000/tcp -port-> service:web target=9000/tcp"))
        // A dependency that is not in the project (optional, left out) draws no edge.
        #expect(!edges.contains { $0.contains("service:cache") })
        let nodes = GraphSeedTests.nodes(try Self.graph())
        #expect(nodes.contains("service:api image=api:2 replicas=3 healthcheck=true"))
        #expect(nodes.contains("service:sidecar image=busybox:1.36 replicas=1 profiles=debug"))
    }

    @Test(arguments: GraphFormat.allCases) func sameInputSameBytes(format: GraphFormat) throws {
        let first = format.render(try Self.graph())
        let reordered = Self.compose.replacingOccurrences(of: "configs: {site: {content: \"hello\"}}", with: "")
            .replacingOccurrences(
                of: "volumes: {data: {}}", with: "configs: {site: {content: \"hello\"}}\nvolumes: {data: {}}")
        let second = format.render(
            ProjectGraph(project: try Fixtures.project(["compose.yaml": reordered, "token.txt": "x"])))
        if format == .json {
            // JSON carries locations, which moved with the reordering.
            #expect(first.count > 0)
        } else {
            #expect(first == second)
        }
        let project = try Fixtures.project(["compose.yaml": Self.compose, "token.txt": "x"])
        #expect(format.render(ProjectGraph(project: project)) == format.render(ProjectGraph(project: project)))
    }

    @Test func dotEscapesQuotes() throws {
        let dot = GraphFormat.dot.render(try Self.graph())
        #expect(dot.contains(#"aliases=the \"api\""#))
        #expect(dot.hasPrefix("digraph \"graphtest\" {\n"))
    }

    @Test func mermaidIdentifiersAndEntities() throws {
        let mermaid = GraphFormat.mermaid.render(try Self.graph())
        #expect(mermaid.hasPrefix("flowchart LR\n"))
        #expect(mermaid.contains("service_web(\"web<br/>image: nginx:1.27"))
        #expect(mermaid.contains("#quot;api#quot;"))
        #expect(mermaid.contains("service_sidecar -->|\"network_mode\"| service_api"))
    }

    @Test func jsonIsParseable() throws {
        let json = GraphFormat.json.render(try Self.graph())
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let nodes = try #require(object?["nodes"] as? [[String: Any]])
        let web = try #require(nodes.first { $0["id"] as? String == "service:web" })
        #expect((web["location"] as? String)?.hasSuffix("compose.yaml:3:3") == true)
    }

    /// Graphviz must accept the DOT of every seed and of the sample: `dot -Tsvg` renders each node.
    @Test(.requiresGraphviz, arguments: ["000", "001", "002", "003", "004", "sample"])
    func graphvizRendersDOT(seed: String) async throws {
        let graph = seed == "sample" ? try Self.graph() : ProjectGraph(project: try Fixtures.seed(seed))
        let result = try await Fixtures.run(["dot", "-Tsvg"], stdin: GraphFormat.dot.render(graph))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("<svg"))
        for node in graph.nodes {
            // Graphviz writes `-` as an entity in SVG text.
            let title = node.id.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
                of: "-", with: "&#45;")
            #expect(result.stdout.contains("<title>\(title)</title>"))
        }
    }
}
