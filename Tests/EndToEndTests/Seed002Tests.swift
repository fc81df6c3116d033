import Foundation
import PierTestSupport
import PierTesting
import Testing

extension SeedStacks {
    /// Seed 002, Autopack: a backend and an nginx frontend built from their targets, PostgreSQL initialized once
    /// from `scripts/init-db.sql`, its volume kept by `down` and deleted by `down -v`.
    @Suite struct Seed002 {
        @Test func theInitScriptRunsOnceAndTheVolumeLivesUntilDownV() async throws {
            try await SeedProject.with(seed: "002") { project in
                let backend = try await project.start().baseURL(service: "backend", port: 8000)
                // The backend waits for nothing (plain depends_on): ask until the database answers.
                #expect(try await HTTP.waitFor("\(backend)/init-runs").body == #"{"init_runs": 1}"#)
                #expect(try await HTTP.request("\(backend)/notes", method: "POST", body: "kept").status == 201)

                // down keeps db_data: the note is still there and the init script did not run again.
                let volume = "\(project.name)_db_data"
                #expect(try await project.pier("down").status == 0)
                #expect(try await project.run("docker", "volume", "inspect", volume).status == 0)
                try #require(try await project.pier("up", "-d").status == 0)
                #expect(try await HTTP.waitFor("\(backend)/init-runs").body == #"{"init_runs": 1}"#)
                #expect(try await HTTP.waitFor("\(backend)/notes").body == #"{"notes": ["kept"]}"#)
                let logs = try await project.pier("logs", "db")
                #expect(logs.stdout.contains("Skipping initialization"), "\(logs.stdout)")

                // down -v deletes it: a fresh database, initialized once more, without the note.
                #expect(try await project.pier("down", "-v").status == 0)
                #expect(try await project.run("docker", "volume", "inspect", volume).status != 0)
                try #require(try await project.pier("up", "-d").status == 0)
                #expect(try await HTTP.waitFor("\(backend)/init-runs").body == #"{"init_runs": 1}"#)
                #expect(try await HTTP.waitFor("\(backend)/notes").body == #"{"notes": []}"#)
            }
        }

        @Test func backendAndFrontendBuildFromTheirTargets() async throws {
            try await SeedProject.with(seed: "002") { project in
                let stack = try await project.start()

                // backend: the `backend` stage of Dockerfile; frontend: the nginx stage of Dockerfile.frontend.
                #expect(
                    try await project.inspect("\(project.name)-backend", "{{json .Config.Cmd}}").contains(
                        "autopack.main"))
                #expect(try await project.inspect("\(project.name)-frontend", "{{json .Config.Cmd}}").contains("nginx"))
                let frontend = try await stack.baseURL(service: "frontend", port: 80)
                let page = try await HTTP.waitFor("\(frontend)/")
                #expect(page.body.contains("built by the frontend builder stage"), "\(page.body)")
                // nginx.conf forwards /api/ to the backend, which reaches the database.
                let api = try await HTTP.waitFor("\(frontend)/api/health")
                #expect(api.body.contains("\"database\": \"autopack\""), "\(api.body)")
                // qdrant (a stand-in image) answers on its published port.
                try await stack.wait(for: .http(port: 6333, path: "/healthz", service: "qdrant"))
                #expect(try await HTTP.waitFor("http://localhost:6333/healthz").status == 200)
            }
        }
    }
}
