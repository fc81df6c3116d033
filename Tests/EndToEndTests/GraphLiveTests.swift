import Foundation
import PierTestSupport
import Testing

/// `pier graph --live`: each service's container state and health from the engine.
@Suite(.requiresEngine)
struct GraphLiveTests {
    @Test func stateAndHealthOfRunningServices() async throws {
        try await ScratchProject.with(
            """
            services:
              web:
                image: pier-test/busybox:latest
                command: ["sleep", "300"]
                scale: 2
                healthcheck: {test: ["CMD", "true"], interval: 1s}
              idle:
                image: pier-test/busybox:latest
                command: ["true"]
                profiles: [tools]
            """
        ) { project in
            let up = try await project.pier("up", "-d", "--wait")
            #expect(up.status == 0, "\(up.stderr)")
            let result = try await project.pier("graph", "--live", "--format", "json")
            #expect(result.status == 0, "\(result.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let nodes = try #require(object?["nodes"] as? [[String: Any]])
            func attributes(_ id: String) -> [String: String]? {
                nodes.first { $0["id"] as? String == id }?["attributes"] as? [String: String]
            }
            #expect(attributes("service:web")?["state"] == "running=2")
            #expect(attributes("service:web")?["health"] == "healthy=2")
            #expect(attributes("service:web")?["replicas"] == "2")
            // A service behind a profile is drawn, without containers.
            #expect(attributes("service:idle")?["profiles"] == "tools")
            #expect(attributes("service:idle")?["state"] == nil)
            let tree = try await project.pier("graph", "--live", "--format", "tree")
            #expect(tree.stdout.contains("service web  image=pier-test/busybox:latest replicas=2"))
            #expect(tree.stdout.contains("state=running=2 health=healthy=2"))
        }
    }
}
