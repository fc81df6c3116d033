import Foundation
import PierTestSupport
import PierTesting
import Testing

extension SeedStacks {
    /// Seed 003, ArgusAI: backend and frontend on named volumes, PostgreSQL behind `--profile postgres`, nginx with
    /// HTTPS behind `--profile ssl`.
    @Suite struct Seed003 {
        @Test func upStartsBackendAndFrontendAndDownUpKeepsTheData() async throws {
            try await withSeedProject { project in
                let stack = try await project.start()

                // The frontend waited for a healthy backend, and reaches it over the project network.
                #expect(try await project.inspect("\(project.name)-backend-1", "{{.State.Health.Status}}") == "healthy")
                let page = try await HTTP.waitFor("\(try await stack.baseURL(service: "frontend", port: 3000))/")
                #expect(page.body.contains(#"backend http://backend:8000: {"status": "healthy""#), "\(page.body)")
                let posted = try await HTTP.request(
                    "http://localhost:8000/api/v1/events", method: "POST", body: "motion")
                #expect(posted.body.contains(#""database": "sqlite""#), "\(posted.body)")
                #expect(
                    try await project.run("docker", "volume", "inspect", "\(project.name)_argusai-data").status == 0)

                // Without --profile ssl there is no nginx, and nothing on 443.
                let services = try await project.pier("ps", "-a", "--format", "{{.Service}}").stdout
                #expect(services.split(whereSeparator: \.isNewline).sorted() == ["backend", "frontend"])
                #expect(try await HTTP.request("https://localhost/", curl: ["-k"]).status == 0)

                // down then up: the events in the named volume are still there.
                #expect(try await project.pier("down").status == 0)
                try #require(try await project.pier("up", "-d").status == 0)
                let events = try await HTTP.waitFor("http://localhost:8000/api/v1/events")
                #expect(events.body.contains(#""events": ["motion"]"#), "\(events.body)")
            }
        }

        @Test func theProfilesAddPostgreSQLAndHTTPSWithTheCertificatesOfDataCerts() async throws {
            try await withSeedProject { project in
                // The .env a user writes for PostgreSQL (the URL .env.example comments out).
                let example = try String(contentsOf: project.url(".env.example"), encoding: .utf8)
                try project.write(
                    ".env",
                    example.replacingOccurrences(
                        of: "DATABASE_URL=sqlite:///data/app.db",
                        with: "DATABASE_URL=postgresql://argusai:argusai@postgres:5432/argusai"))
                try await project.makeCertificate(in: "data/certs")
                let stack = try await project.start(profiles: ["postgres", "ssl"])

                // The backend keeps its events in PostgreSQL: the row is in the database.
                _ = try await HTTP.waitFor("http://localhost:8000/api/v1/events")
                let posted = try await HTTP.request(
                    "http://localhost:8000/api/v1/events", method: "POST", body: "doorbell")
                #expect(posted.body.contains(#""database": "postgresql""#), "\(posted.body)")
                let row = try await stack.exec(
                    service: "postgres", ["psql", "-U", "argusai", "-tAc", "SELECT text FROM events"])
                #expect(row.stdout == "doorbell\n", "\(row.stderr)")

                // nginx serves HTTPS on 443 with data/certs' certificate (curl trusts only that one) and sends HTTP
                // on 80 there.
                let trusted = ["--cacert", project.url("data/certs/cert.pem").path]
                let api = try await HTTP.waitFor("https://localhost/api/v1/events", curl: trusted)
                #expect(api.body.contains("doorbell"), "\(api.body)")
                #expect(try await HTTP.request("https://localhost/", curl: trusted).body.contains("<h1>ArgusAI</h1>"))
                let redirect = try await HTTP.request("http://localhost/api/v1/events")
                #expect(redirect.status == 301)
                #expect(redirect.headers.contains("Location: https://localhost/api/v1/events"), "\(redirect.headers)")
            }
        }

        private func withSeedProject(_ body: (SeedProject) async throws -> Void) async throws {
            // The seed maps the optional USB camera /dev/video0: without a camera, the null device stands in.
            if !FileManager.default.fileExists(atPath: "/dev/video0") {
                _ = try await TestSupport.run(
                    URL(fileURLWithPath: "/usr/bin/env"), ["mknod", "-m", "666", "/dev/video0", "c", "1", "3"],
                    in: TestSupport.repositoryRoot, environment: ProcessInfo.processInfo.environment)
            }
            try await SeedProject.with(seed: "003") { project in
                try FileManager.default.copyItem(at: project.url(".env.example"), to: project.url(".env"))
                try await body(project)
            }
        }
    }
}
