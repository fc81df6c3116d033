import Foundation
import Testing

extension SeedStacks {
    /// Seed 000, Tarsy: the seed's `make` targets with `pier` for podman-compose; oauth2-proxy (a stand-in image)
    /// in front of a backend that publishes nothing, PostgreSQL gating the backend, read-only configuration.
    @Suite struct Seed000 {
        @Test func deployingWithoutDotEnvFailsTheConfigurationCheck() throws {
            let project = try seedProject()
            defer { project.cleanUp() }
            let deploy = try make(project, "deploy-containers")
            #expect(deploy.status != 0)
            #expect(deploy.stdout.contains("Error: .env file not found"), "\(deploy.stdout)")
            #expect(try project.pier("ps", "-a", "-q").stdout.isEmpty)
        }

        @Test func theMakeTargetsRunTheStackBehindTheProxy() throws {
            let project = try seedProject()
            defer { project.cleanUp() }
            try FileManager.default.copyItem(at: project.url(".env.example"), to: project.url(".env"))
            let deploy = try make(project, "deploy-containers")
            try #require(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
            #expect(deploy.stdout.contains("Frontend: http://localhost:3000"))
            let backend = "\(project.name)-tarsy-backend-1"
            let database = "\(project.name)-database-1"

            // The backend answers only through the proxy: its skip-auth routes pass, the rest need a login.
            let health = try HTTP.waitFor("http://localhost:4180/health")
            #expect(health.body.contains("\"database\": \"tarsy\""), "\(health.body)")
            #expect(try HTTP.request("http://localhost:4180/api/v1/history/health").status == 200)
            #expect(try HTTP.request("http://localhost:4180/api/v1/alerts").status == 401)
            #expect(try HTTP.request("http://localhost:8000/health").status == 0)
            #expect(!(try project.inspect(backend, "{{json .HostConfig.PortBindings}}").contains("HostPort")))
            // The frontend is published directly and points at the proxy.
            #expect(try HTTP.waitFor("http://localhost:3000/").body.contains("http://localhost:4180"))

            // The backend exits when the database does not answer: running, it started after the health check.
            #expect(try project.inspect(backend, "{{.State.Status}} {{.RestartCount}}") == "running 0")
            let healthy = try #require(try project.firstHealthyAt(database))
            let started = try #require(try project.startedAt(backend))
            #expect(started > healthy, "backend started at \(started), the database was healthy at \(healthy)")

            // .env and config/ are mounted read-only, data/ and logs/ read-write.
            let mounts = try project.inspect(backend, "{{range .Mounts}}{{.Destination}}={{.RW}} {{end}}")
            #expect(mounts.contains("/app/.env=false") && mounts.contains("/app/config=false"), "\(mounts)")
            #expect(mounts.contains("/app/data=true") && mounts.contains("/app/logs=true"), "\(mounts)")
            let write = try project.run("docker", "exec", backend, "touch", "/app/config/agents.yaml")
            #expect(write.status != 0 && write.stderr.contains("Read-only file system"), "\(write.stderr)")

            // The status and log targets show this stack.
            #expect(try make(project, "container-status").stdout.contains(backend))
            let logs = try make(project, "container-logs", environment: ["COMPOSE_FILE": "podman-compose.yml"])
            #expect(logs.stdout.contains("tarsy-backend listening"), "\(logs.stdout)")

            // stop-containers keeps the database volume, clean-containers removes it.
            let volume = "\(project.name)_postgres_data"
            #expect(try make(project, "stop-containers").status == 0)
            #expect(try project.pier("ps", "-a", "-q").stdout.isEmpty)
            #expect(try project.run("docker", "volume", "inspect", volume).status == 0)
            #expect(try make(project, "clean-containers").status == 0)
            #expect(try project.run("docker", "volume", "inspect", volume).status != 0)
        }

        private func seedProject() throws -> SeedProject {
            var project = try SeedProject(seed: "000", globalArguments: ["-f", "podman-compose.yml"])
            project.builtImages = ["tarsy-backend:latest", "tarsy-frontend:latest"]
            return project
        }

        private func make(_ project: SeedProject, _ target: String, environment: [String: String] = [:]) throws
            -> TestSupport.Result
        {
            try project.run("make", target, "COMPOSE=\(TestSupport.pierBinary.path)", environment: environment)
        }
    }
}
