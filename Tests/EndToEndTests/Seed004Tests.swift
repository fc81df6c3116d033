import Foundation
import PierTestSupport
import PierTesting
import Testing

extension SeedStacks {
    /// Seed 004, AgentTracer: two APIs gated on a healthy PostgreSQL whose schema comes from the init directory. One
    /// stack, started from the fixture as `pier up -d` starts it, for the tests of the suite.
    @Suite(
        .composeStack(.init(projectDirectory: TestSupport.fixtures.appendingPathComponent("seeds/004"), wait: .none)))
    struct Seed004 {
        let ingest = "http://localhost:8000"
        let query = "http://localhost:8001"
        let project: ComposeStack

        init() throws {
            project = try ComposeStack.current
        }

        @Test func theAPIsStartAfterAHealthyDatabaseWithTheSchemaApplied() async throws {
            // The schema came from /docker-entrypoint-initdb.d.
            let logs = try await project.logs(service: "postgres").joined(separator: "\n")
            #expect(logs.contains("running /docker-entrypoint-initdb.d/schema.sql"))
            // Both APIs exit at start when the table is missing: running, they started after it existed,
            // and after the first passing health check.
            let healthy = try #require(try await project.firstHealthyAt("agent_observability_db"))
            for api in ["agent_observability_ingest_api", "agent_observability_query_api"] {
                #expect(try await project.inspect(api, "{{.State.Status}} {{.RestartCount}}") == "running 0")
                let started = try #require(try await project.startedAt(api))
                #expect(started > healthy, "\(api) started at \(started), the database was healthy at \(healthy)")
            }

            // A run written through the ingest API is read through the query API.
            #expect(try await HTTP.waitFor("\(ingest)/health").body.contains("\"ingest-api\""))
            let id = "0b7c1d9e-4f6a-4c1b-9a51-2f0b8a7d3e11"
            let posted = try await HTTP.request("\(ingest)/v1/runs", method: "POST", body: "{\"id\": \"\(id)\"}")
            #expect(posted.status == 201, "\(posted.body)")
            #expect(try await HTTP.waitFor("\(query)/v1/runs").body.contains(id))
            // The database is published on 5433 for host tools, the APIs on 8000 and 8001.
            #expect(
                try await project.inspect("agent_observability_db", "{{json .NetworkSettings.Ports}}").contains(
                    "5433"))
            #expect(try await project.endpoint(service: "postgres", port: 5432) == ("127.0.0.1", 5433))
            #expect(try await project.endpoint(service: "query_api", port: 8001).port == 8001)
        }

        /// The seed's backup and restore commands, with `pier` for `docker compose`.
        @Test func backupAndRestoreThroughExec() async throws {
            let id = "5d6e7f80-1a2b-4c3d-8e9f-a0b1c2d3e4f5"
            try await project.wait(for: .http(port: 8000, path: "/health", service: "ingest_api"))
            #expect(
                try await HTTP.request("\(ingest)/v1/runs", method: "POST", body: "{\"id\": \"\(id)\"}").status
                    == 201)

            let backup = try await project.pier(
                "exec", "-T", "postgres", "pg_dump", "-U", "postgres", "agent_observability")
            try #require(backup.status == 0, "\(backup.stderr)")
            #expect(backup.stdout.contains(id))
            let drop = try await project.pier(
                "exec", "-T", "postgres", "psql", "-U", "postgres", "agent_observability", "-c", "DROP TABLE runs")
            #expect(drop.status == 0, "\(drop.stderr)")
            #expect(try await HTTP.request("\(query)/v1/runs").status != 200)

            let restore = try await project.pier(
                "exec", "-T", "postgres", "psql", "-U", "postgres", "agent_observability",
                stdin: Data(backup.stdout.utf8))
            #expect(restore.status == 0, "\(restore.stderr)")
            #expect(try await HTTP.waitFor("\(query)/v1/runs").body.contains(id))
        }
    }

    /// Seed 004 scaled: each test runs its own copy, with `pier`.
    @Suite struct Seed004Scaling {
        /// The seed's note on `--scale ingest_api=3`: it needs the fixed container name and host port removed.
        @Test func scalingTheIngestAPIMeetsTheContainerNameThenThePortClash() async throws {
            try await SeedProject.with(seed: "004") { project in
                try await project.start()

                // As written: one container name cannot name three replicas.
                let named = try await project.pier("up", "-d", "--scale", "ingest_api=3")
                #expect(named.status == 1)
                #expect(named.stderr.contains("agent_observability_ingest_api"), "\(named.stderr)")
                #expect(named.stderr.contains("Remove the custom name to scale the service"), "\(named.stderr)")
                #expect(try await ingestReplicas(project, files: []).filter { $0.hasSuffix("running") }.count == 1)

                // Without the name: the second and third replicas cannot bind host port 8000 too.
                let files = ["-f", "docker-compose.yml", "-f", "docker-compose.scale.yml"]
                let clash = try await project.pier(files + ["up", "-d", "--scale", "ingest_api=3"])
                #expect(clash.status != 0)
                #expect(clash.stderr.contains("8000"), "\(clash.stderr)")
                let replicas = try await ingestReplicas(project, files: files)
                #expect(replicas.count == 3, "\(replicas)")
                #expect(replicas.filter { $0.hasSuffix("running") }.count == 1, "\(replicas)")

                // Without the fixed port either (a load balancer in front): three replicas behind one DNS name.
                let balanced = files + ["-f", "docker-compose.noports.yml"]
                let up = try await project.pier(balanced + ["up", "-d", "--scale", "ingest_api=3"])
                #expect(up.status == 0, "\(up.stderr)")
                #expect(
                    try await ingestReplicas(project, files: balanced).filter { $0.hasSuffix("running") }.count == 3)
                let resolved = try await project.run(
                    "docker", "exec", "agent_observability_query_api", "python3", "-c",
                    "import socket; print(len({a[4][0] for a in socket.getaddrinfo('ingest_api', 8000)}))")
                #expect(resolved.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "3", "\(resolved.stderr)")
            }
        }

        /// `NAME STATE` of each ingest_api container.
        private func ingestReplicas(_ project: SeedProject, files: [String]) async throws -> [String] {
            let listed = try await project.pier(
                files + ["ps", "-a", "--format", "{{.Name}} {{.State}}", "ingest_api"])
            return listed.stdout.split(whereSeparator: \.isNewline).map(String.init)
        }
    }
}
