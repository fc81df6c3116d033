import Foundation
import PierTestSupport
import Testing

extension SeedStacks {
    /// Seed 001, Dashtam: compose files under `compose/`, env files under `env/`, a non-root `appuser`, and the
    /// production file's resource limits.
    @Suite struct Seed001 {
        static let development = ["-f", "compose/docker-compose.dev.yml"]

        @Test func theDevelopmentFilesRunTheAppAsAppuser() async throws {
            try await SeedProject.with(
                seed: "001", globalArguments: Self.development + ["--env-file", "env/.env.dev"]
            ) { project in
                try await project.run("mkdir", "certs")
                try await project.makeCertificate(in: "certs")
                try await project.start()

                // HTTPS on APP_PORT from env/.env.dev; the app reads env_file's settings and reaches both services
                // with the credentials the env file gave PostgreSQL.
                let health = try await HTTP.waitFor("https://localhost:8000/health", curl: ["-k"])
                #expect(health.body.contains(#""user": "appuser", "uid": 1000"#), "\(health.body)")
                #expect(health.body.contains(#""debug": "true""#))
                #expect(health.body.contains(#""postgres": "dashtam_user@dashtam_db""#), "\(health.body)")
                #expect(health.body.contains(#""redis": "PONG""#), "\(health.body)")

                let app = "\(project.name)-app-1"
                #expect(try await project.inspect(app, "{{.Config.User}}") == "appuser")
                #expect(try await project.pier("exec", "-T", "app", "whoami").stdout == "appuser\n")
                #expect(try await project.inspect(app, "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}") == "0 0")
                let ports = try await project.inspect("\(project.name)-postgres-1", "{{json .HostConfig.PortBindings}}")
                #expect(ports.contains(#""HostPort":"5432""#), "\(ports)")
            }
        }

        @Test func theProductionFileAppliesTheResourceLimits() async throws {
            // Another environment's env file: the same stack on other host ports.
            try await SeedProject.with(
                seed: "001",
                globalArguments: Self.development + [
                    "-f", "compose/docker-compose.prod.yml", "--env-file", "env/.env.test",
                ]
            ) { project in
                let dev = try String(contentsOf: project.url("env/.env.dev"), encoding: .utf8)
                try project.write(
                    "env/.env.test",
                    dev.replacingOccurrences(of: "PORT=5432", with: "PORT=15432")
                        .replacingOccurrences(of: "PORT=6379", with: "PORT=16379")
                        .replacingOccurrences(of: "PORT=8000", with: "PORT=18000"))
                try await project.run("mkdir", "certs")
                try await project.makeCertificate(in: "certs")
                try await project.start()

                let app = "\(project.name)-app-1"
                let limits = "{{.HostConfig.NanoCpus}} {{.HostConfig.Memory}} {{.HostConfig.MemoryReservation}}"
                #expect(try await project.inspect(app, limits) == "2000000000 4294967296 2147483648")
                #expect(try await project.inspect(app, "{{.Config.User}}") == "appuser")
                let health = try await HTTP.waitFor("https://localhost:18000/health", curl: ["-k"])
                #expect(health.body.contains(#""postgres": "dashtam_user@dashtam_db""#), "\(health.body)")
                #expect(try await HTTP.request("https://localhost:8000/health", curl: ["-k"]).status == 0)
            }
        }
    }
}
