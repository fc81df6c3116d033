import Foundation
import PierTestSupport
import Testing

extension SeedStacks {
    /// `examples/demo`, what `make demo` runs: the notes app behind its proxy, built without a registry.
    @Suite struct Demo {
        @Test func theDemoServesItsNotesThroughTheProxy() async throws {
            try await SeedProject.with(
                copying: TestSupport.repositoryRoot.appendingPathComponent("examples/demo"), prefix: "pierdemo"
            ) { project in
                let port = ["DEMO_PORT": "18080"]
                // What `up -d --wait` starts: it returns once every service is healthy.
                let stack = try await project.start(wait: .healthy, environment: port)
                let proxy = try await stack.baseURL(service: "proxy", port: 80)
                #expect(proxy == "http://127.0.0.1:18080")

                // The page and the API answer through the proxy.
                let page = try await HTTP.request("\(proxy)/")
                #expect(page.status == 200 && page.body.contains("<title>Pier demo</title>"), "\(page.body)")
                let notes = try await HTTP.request("\(proxy)/api/notes")
                #expect(notes.body.contains("written by db/init.sql"), "\(notes.body)")
                let added = try await HTTP.request("\(proxy)/api/notes", method: "POST", body: "from the test")
                #expect(added.status == 201, "\(added.body)")
                #expect(try await HTTP.request("\(proxy)/api/notes").body.contains("from the test"))
                // Only the proxy is published.
                let published = try await project.pier(
                    ["ps", "--format", "{{.Service}} {{.Ports}}"], environment: port)
                let lines = published.stdout.split(whereSeparator: \.isNewline).filter { $0.contains("->") }
                #expect(lines.count == 1 && lines[0].hasPrefix("proxy "), "\(published.stdout)")

                // The tools profile's backup job dumps the database into ./backups.
                let backup = try await project.pier(["--profile", "tools", "up", "backup"], environment: port)
                #expect(backup.status == 0, "\(backup.stderr)")
                let dump = try String(contentsOf: project.url("backups/demo.sql"), encoding: .utf8)
                #expect(dump.contains("from the test"))

                let down = try await project.pier(["--profile", "tools", "down", "--volumes"], environment: port)
                #expect(down.status == 0, "\(down.stderr)")
                #expect(try await project.pier(["ps", "-a", "-q"], environment: port).stdout.isEmpty)
            }
        }
    }
}
