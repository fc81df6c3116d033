import Foundation
import Testing

extension SeedStacks {
    /// `examples/demo`, what `make demo` runs: the notes app behind its proxy, built without a registry.
    @Suite struct Demo {
        @Test func theDemoServesItsNotesThroughTheProxy() throws {
            let project = try SeedProject(
                copying: TestSupport.repositoryRoot.appendingPathComponent("examples/demo"), prefix: "pierdemo")
            defer { project.cleanUp() }
            let port = ["DEMO_PORT": "18080"]
            let up = try project.pier(["up", "-d", "--wait"], environment: port)
            try #require(up.status == 0, "\(up.stderr)")

            // --wait returned once every service was healthy: the page and the API answer through the proxy.
            let page = try HTTP.request("http://localhost:18080/")
            #expect(page.status == 200 && page.body.contains("<title>Pier demo</title>"), "\(page.body)")
            let notes = try HTTP.request("http://localhost:18080/api/notes")
            #expect(notes.body.contains("written by db/init.sql"), "\(notes.body)")
            let added = try HTTP.request("http://localhost:18080/api/notes", method: "POST", body: "from the test")
            #expect(added.status == 201, "\(added.body)")
            #expect(try HTTP.request("http://localhost:18080/api/notes").body.contains("from the test"))
            // Only the proxy is published.
            let published = try project.pier(["ps", "--format", "{{.Service}} {{.Ports}}"], environment: port)
            let lines = published.stdout.split(whereSeparator: \.isNewline).filter { $0.contains("->") }
            #expect(lines.count == 1 && lines[0].hasPrefix("proxy "), "\(published.stdout)")

            // The tools profile's backup job dumps the database into ./backups.
            let backup = try project.pier(["--profile", "tools", "up", "backup"], environment: port)
            #expect(backup.status == 0, "\(backup.stderr)")
            let dump = try String(contentsOf: project.url("backups/demo.sql"), encoding: .utf8)
            #expect(dump.contains("from the test"))

            let down = try project.pier(["--profile", "tools", "down", "--volumes"], environment: port)
            #expect(down.status == 0, "\(down.stderr)")
            #expect(try project.pier(["ps", "-a", "-q"], environment: port).stdout.isEmpty)
        }
    }
}
