import ComposeSpec
import Testing

@testable import ComposeAnalysis

/// The seeds' graphs, node by node and edge by edge, against what their compose files say.
@Suite struct GraphSeedTests {
    /// `id attribute=value …` for each node, in the graph's order.
    static func nodes(_ graph: ProjectGraph) -> [String] {
        graph.nodes.map { node in ([node.id] + node.attributes.map { "\($0.key)=\($0.value)" }).joined(separator: " ") }
    }

    /// `from -kind-> to attribute=value …` for each edge, in the graph's order.
    static func edges(_ graph: ProjectGraph) -> [String] {
        graph.edges.map { edge in
            (["\(edge.from) -\(edge.kind.rawValue)-> \(edge.to)"] + edge.attributes.map { "\($0.key)=\($0.value)" })
                .joined(separator: " ")
        }
    }

    @Test func seed000() throws {
        let graph = ProjectGraph(project: try Fixtures.seed("000"))
        #expect(
            Self.nodes(graph) == [
                "service:database image=mirror.gcr.io/library/postgres:16 replicas=1 healthcheck=pg_isready -U tarsy",
                "service:oauth2-proxy image=quay.io/oauth2-proxy/oauth2-proxy:v7.5.1 replicas=1",
                "service:tarsy-backend build=./backend replicas=1",
                "service:tarsy-frontend build=./dashboard replicas=1",
                "network:default name=000_default",
                "volume:postgres_data name=000_postgres_data",
                "port:3000/tcp", "port:4180/tcp", "port:5432/tcp",
            ])
        #expect(
            Self.edges(graph) == [
                "port:3000/tcp -port-> service:tarsy-frontend target=3000/tcp",
                "port:4180/tcp -port-> service:oauth2-proxy target=4180/tcp",
                "port:5432/tcp -port-> service:database target=5432/tcp",
                "service:database -network-> network:default",
                "service:database -volume-> volume:postgres_data target=/var/lib/postgresql/data",
                "service:oauth2-proxy -depends_on-> service:tarsy-backend condition=service_started required=true",
                "service:oauth2-proxy -network-> network:default",
                "service:tarsy-backend -depends_on-> service:database condition=service_healthy required=true",
                "service:tarsy-backend -network-> network:default",
                "service:tarsy-frontend -depends_on-> service:oauth2-proxy condition=service_started required=true",
                "service:tarsy-frontend -network-> network:default",
            ])
    }

    @Test func seed001() throws {
        let graph = ProjectGraph(project: try Fixtures.seed("001"))
        #expect(
            Self.nodes(graph) == [
                "service:app build=.. (docker/Dockerfile) target development replicas=1 "
                    + "healthcheck=curl -f -k https://localhost:8000/health",
                "service:postgres image=postgres:17.6 replicas=1 healthcheck=pg_isready -U dashtam_user -d dashtam_db",
                "service:redis image=redis:8.2.1 replicas=1",
                "network:default name=dashtam-dev_default",
                "volume:postgres_data name=dashtam-dev_postgres_data",
                "port:5432/tcp", "port:6379/tcp", "port:8000/tcp",
            ])
        #expect(
            Self.edges(graph) == [
                "port:5432/tcp -port-> service:postgres target=5432/tcp",
                "port:6379/tcp -port-> service:redis target=6379/tcp",
                "port:8000/tcp -port-> service:app target=8000/tcp",
                "service:app -depends_on-> service:postgres condition=service_healthy required=true",
                "service:app -depends_on-> service:redis condition=service_started required=true",
                "service:app -network-> network:default",
                "service:postgres -network-> network:default",
                "service:postgres -volume-> volume:postgres_data target=/var/lib/postgresql/data",
                "service:redis -network-> network:default",
            ])
    }

    @Test func seed002() throws {
        let graph = ProjectGraph(project: try Fixtures.seed("002"))
        #expect(
            Self.nodes(graph) == [
                "service:backend build=. target backend replicas=1",
                "service:db image=postgres:15.10-alpine replicas=1",
                "service:frontend build=. (Dockerfile.frontend) replicas=1",
                "service:qdrant image=qdrant/qdrant:v1.12.5 replicas=1",
                "network:default name=002_default",
                "volume:db_data name=002_db_data", "volume:qdrant_data name=002_qdrant_data",
                "port:5432/tcp", "port:6333/tcp", "port:80/tcp", "port:8000/tcp",
            ])
        #expect(
            Self.edges(graph) == [
                "port:5432/tcp -port-> service:db target=5432/tcp",
                "port:6333/tcp -port-> service:qdrant target=6333/tcp",
                "port:80/tcp -port-> service:frontend target=80/tcp",
                "port:8000/tcp -port-> service:backend target=8000/tcp",
                "service:backend -depends_on-> service:db condition=service_started required=true",
                "service:backend -network-> network:default",
                "service:db -network-> network:default",
                "service:db -volume-> volume:db_data target=/var/lib/postgresql/data",
                "service:frontend -depends_on-> service:backend condition=service_started required=true",
                "service:frontend -network-> network:default",
                "service:qdrant -network-> network:default",
                "service:qdrant -volume-> volume:qdrant_data target=/qdrant/storage",
            ])
    }

    @Test func seed003WithEveryProfile() throws {
        let graph = ProjectGraph(project: try Fixtures.seed("003"))
        let nodes = Self.nodes(graph)
        #expect(
            nodes[0].hasPrefix(
                "service:backend image=ghcr.io/project-argusai/argusai-backend:latest build=./backend replicas=1 healthcheck=python -c import urllib.request;"
            ))
        #expect(
            nodes[1].hasPrefix(
                "service:frontend image=ghcr.io/project-argusai/argusai-frontend:latest build=./frontend replicas=1 healthcheck=wget --no-verbose"
            ))
        #expect(
            Array(nodes.dropFirst(2)) == [
                "service:nginx image=nginx:alpine replicas=1 profiles=ssl",
                "service:postgres image=postgres:16-alpine replicas=1 profiles=postgres healthcheck=pg_isready -U argusai",
                "network:argusai-net name=003_argusai-net driver=bridge",
                "volume:argusai-data name=003_argusai-data driver=local", "volume:pgdata name=003_pgdata driver=local",
                "port:3000/tcp", "port:443/tcp", "port:80/tcp", "port:8000/tcp",
            ])
        #expect(
            Self.edges(graph) == [
                "port:3000/tcp -port-> service:frontend target=3000/tcp",
                "port:443/tcp -port-> service:nginx target=443/tcp",
                "port:80/tcp -port-> service:nginx target=80/tcp",
                "port:8000/tcp -port-> service:backend target=8000/tcp",
                "service:backend -network-> network:argusai-net",
                "service:backend -volume-> volume:argusai-data target=/app/data",
                "service:frontend -depends_on-> service:backend condition=service_healthy required=true",
                "service:frontend -network-> network:argusai-net",
                "service:nginx -depends_on-> service:backend condition=service_started required=true",
                "service:nginx -depends_on-> service:frontend condition=service_started required=true",
                "service:nginx -network-> network:argusai-net",
                "service:postgres -network-> network:argusai-net",
                "service:postgres -volume-> volume:pgdata target=/var/lib/postgresql/data",
            ])
    }

    @Test func seed003WithoutProfilesLeavesProfiledServicesOut() throws {
        let graph = ProjectGraph(project: try Fixtures.seed("003", profiles: []))
        #expect(graph.nodes.filter { $0.kind == .service }.map(\.name) == ["backend", "frontend"])
        #expect(graph.node("volume:pgdata") == nil)  // only the postgres profile uses it
    }

    @Test func seed004() throws {
        let graph = ProjectGraph(project: try Fixtures.seed("004"))
        #expect(
            Self.nodes(graph) == [
                "service:ingest_api build=. (backend/Dockerfile.ingest) replicas=1 "
                    + "container_name=agent_observability_ingest_api",
                "service:postgres image=postgres:15-alpine replicas=1 healthcheck=pg_isready -U postgres "
                    + "container_name=agent_observability_db",
                "service:query_api build=. (backend/Dockerfile.query) replicas=1 "
                    + "container_name=agent_observability_query_api",
                "network:agent_observability_network driver=bridge",
                "volume:postgres_data name=004_postgres_data",
                "port:5433/tcp", "port:8000/tcp", "port:8001/tcp",
            ])
        #expect(
            Self.edges(graph) == [
                "port:5433/tcp -port-> service:postgres target=5432/tcp",
                "port:8000/tcp -port-> service:ingest_api target=8000/tcp",
                "port:8001/tcp -port-> service:query_api target=8001/tcp",
                "service:ingest_api -depends_on-> service:postgres condition=service_healthy required=true",
                "service:ingest_api -network-> network:agent_observability_network",
                "service:postgres -network-> network:agent_observability_network",
                "service:postgres -volume-> volume:postgres_data target=/var/lib/postgresql/data",
                "service:query_api -depends_on-> service:postgres condition=service_healthy required=true",
                "service:query_api -network-> network:agent_observability_network",
            ])
        // Every edge points at the line it was written on.
        let dependency = try #require(graph.edges.first { $0.kind == .dependsOn })
        #expect(dependency.location?.line == 39)
    }
}
