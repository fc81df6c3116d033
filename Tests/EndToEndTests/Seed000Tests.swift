import Foundation
import PierTestSupport
import Testing

extension SeedStacks {
    /// Seed 000, Tarsy: the seed's `make` targets with `pier` for podman-compose; oauth2-proxy (a stand-in image)
    /// in front of a backend that publishes nothing, PostgreSQL gating the backend, read-only configuration.
    @Suite struct Seed000 {
        @Test func deployingWithoutDotEnvFailsTheConfigurationCheck() async throws {
            try await withSeedProject { project in
                let deploy = try await make(project, "deploy-containers")
                #expect(deploy.status != 0)
                #expect(deploy.stdout.contains("Error: .env file not found"), "\(deploy.stdout)")
                #expect(try await project.pier("ps", "-a", "-q").stdout.isEmpty)
            }
        }

        @Test func theMakeTargetsRunTheStackBehindTheProxy() async throws {
            try await withSeedProject { project in
                try FileManager.default.copyItem(at: project.url(".env.example"), to: project.url(".env"))
                let deploy = try await make(project, "deploy-containers")
                try #require(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
                #expect(deploy.stdout.contains("Frontend: http://localhost:3000"))
                let backend = "\(project.name)-tarsy-backend-1"
                let database = "\(project.name)-database-1"

                // The backend answers only through the proxy: its skip-auth routes pass, the rest need a login.
                let health = try await HTTP.waitFor("http://localhost:4180/health")
                #expect(health.body.contains("\"database\": \"tarsy\""), "\(health.body)")
                #expect(try await HTTP.request("http://localhost:4180/api/v1/history/health").status == 200)
                #expect(try await HTTP.request("http://localhost:4180/api/v1/alerts").status == 401)
                #expect(try await HTTP.request("http://localhost:8000/health").status == 0)
                #expect(!(try await project.inspect(backend, "{{json .HostConfig.PortBindings}}").contains("HostPort")))
                // The frontend is published directly and points at the proxy.
                #expect(try await HTTP.waitFor("http://localhost:3000/").body.contains("http://localhost:4180"))

                // The backend exits when the database does not answer: running, it started after the health check.
                #expect(try await project.inspect(backend, "{{.State.Status}} {{.RestartCount}}") == "running 0")
                let healthy = try #require(try await project.firstHealthyAt(database))
                let started = try #require(try await project.startedAt(backend))
                #expect(started > healthy, "backend started at \(started), the database was healthy at \(healthy)")

                // .env and config/ are mounted read-only, data/ and logs/ read-write.
                let mounts = try await project.inspect(backend, "{{range .Mounts}}{{.Destination}}={{.RW}} {{end}}")
                #expect(mounts.contains("/app/.env=false") && mounts.contains("/app/config=false"), "\(mounts)")
                #expect(mounts.contains("/app/data=true") && mounts.contains("/app/logs=true"), "\(mounts)")
                let write = try await project.pier("exec", "-T", "tarsy-backend", "touch", "/app/config/agents.yaml")
                #expect(write.status != 0 && write.stderr.contains("Read-only file system"), "\(write.stderr)")

                // The stack's status as Pier reports it (the seed's status target runs podman's, not Pier's),
                // and the log target, which runs Pier.
                let status = try await project.pier("ps", "--format", "{{.Service}} {{.State}} {{.Health}}")
                let states = status.stdout.split(separator: "\n").map(String.init).sorted()
                #expect(
                    states == [
                        "database running healthy", "oauth2-proxy running ", "tarsy-backend running ",
                        "tarsy-frontend running ",
                    ], "\(status.stdout)\(status.stderr)")
                let logs = try await make(
                    project, "container-logs", environment: ["COMPOSE_FILE": "podman-compose.yml"])
                #expect(logs.stdout.contains("tarsy-backend listening"), "\(logs.stdout)")

                // stop-containers keeps the database volume, clean-containers removes it. Both targets end in
                // `|| true`, so what they did is checked through Pier: a file left in the volume is still there
                // for a one-off container after the stop, and gone (with the volume) after the clean.
                let marker = "/var/lib/postgresql/data/pier-marker"
                #expect(try await project.pier("exec", "-T", "database", "touch", marker).status == 0)
                _ = try await make(project, "stop-containers")
                #expect(try await project.pier("ps", "-a", "-q").stdout.isEmpty)
                #expect(try await self.oneOff(project, "test", "-e", marker).status == 0)
                _ = try await make(project, "clean-containers")
                #expect(try await project.pier("ps", "-a", "-q").stdout.isEmpty)
                let after = try await self.oneOff(project, "test", "-e", marker)
                #expect(after.status == 1, "\(after.stderr)")
            }
        }

        /// `pier run --rm --no-deps database COMMAND…`: the database's volume as a one-off container sees it.
        private func oneOff(_ project: SeedProject, _ command: String...) async throws -> TestSupport.Result {
            try await project.pier(
                ["run", "--rm", "--no-deps", "-T", "--entrypoint", command[0], "database"] + command.dropFirst())
        }

        private func withSeedProject(_ body: (SeedProject) async throws -> Void) async throws {
            try await SeedProject.with(
                seed: "000", globalArguments: ["-f", "podman-compose.yml"],
                builtImages: ["tarsy-backend:latest", "tarsy-frontend:latest"], body)
        }

        private func make(_ project: SeedProject, _ target: String, environment: [String: String] = [:]) async throws
            -> TestSupport.Result
        {
            try await project.run("make", target, "COMPOSE=\(TestSupport.pierBinary.path)", environment: environment)
        }
    }
}
