import Foundation
import PierTestSupport
import Testing

@testable import PierDashboard

/// The dashboard's data and actions against a real engine, with stacks started by `pier` (and by the reference
/// Docker Compose).
@Suite(.requiresEngine)
struct DashboardEngineTests {
    /// A web server with a health check that prints, a database-like service with secrets in its environment and a
    /// secret file, and what it depends on.
    static func compose(marker: String) -> String {
        """
        services:
          web:
            image: pier-test/busybox
            command: ["sh", "-c", "echo boot; httpd -f -p 80"]
            ports: ["80"]
            depends_on: [db]
            stop_signal: SIGKILL
            healthcheck: {test: ["CMD-SHELL", "echo probe-ok"], interval: 1s, retries: 3}
          db:
            image: pier-test/busybox
            command: ["sleep", "3600"]
            stop_signal: SIGKILL
            environment:
              POSTGRES_USER: notes
              POSTGRES_PASSWORD: pw-\(marker)
              DATABASE_URL: postgresql://notes:url-\(marker)@db/notes
            secrets: [db_password]
        secrets:
          db_password: {file: ./db_password.txt}
        """
    }

    @Test func theFeedShowsEveryServiceWithItsHealthAndNoSecret() async throws {
        let marker = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        try await ScratchProject.with(Self.compose(marker: marker), files: ["db_password.txt": "file-\(marker)"]) {
            project in
            #expect(try await project.pier("up", "-d", "--wait").status == 0)
            try await DashboardHarness.with { dashboard in
                let feed = try await dashboard.request("/api/events?project=\(project.name)", seconds: 3)
                #expect(feed.body.contains(#""name":"\#(project.name)""#))
                let detail = try #require(feed.events("project").last?["overview"] as? [String: Any])
                let services = try #require(detail["services"] as? [[String: Any]])
                #expect(services.compactMap { $0["name"] as? String } == ["db", "web"])
                let web = try #require((services[1]["containers"] as? [[String: Any]])?.first)
                #expect(web["state"] as? String == "running" && web["health"] as? String == "healthy")
                #expect((web["healthOutput"] as? String)?.contains("probe-ok") == true)
                let port = try #require((web["ports"] as? [[String: Any]])?.first)
                #expect((port["url"] as? String)?.hasPrefix("http://:") == true)
                #expect((detail["configFiles"] as? [String])?.first?.hasSuffix("/compose.yaml") == true)

                let db = try #require((services[0]["containers"] as? [[String: Any]])?.first?["id"] as? String)
                let base = "/api/projects/\(project.name)/containers/\(db)"
                let environment = try await dashboard.request(base + "/environment")
                let graph = try await dashboard.request("/api/projects/\(project.name)/graph")
                #expect(environment.body.contains(#""name":"POSTGRES_USER","value":"notes""#))
                #expect(environment.body.contains(#""masked":true,"name":"POSTGRES_PASSWORD""#))
                #expect(environment.body.contains(#""name":"db_password""#))
                #expect(graph.body.contains("\"service:web\""))
                // Forbidden: any secret value on its way to the page unasked.
                for response in [feed, environment, graph] {
                    #expect(!response.body.contains(marker), "a secret value was sent: \(response.body.prefix(300))")
                }
                // Revealing one is a changing request: the request key is needed.
                let unkeyed = try await dashboard.request(
                    base + "/reveal", method: "POST", body: #"{"variable": "POSTGRES_PASSWORD"}"#)
                #expect(unkeyed.status == 403 && !unkeyed.body.contains(marker))
                let variable = try await dashboard.post(base + "/reveal", #"{"variable": "POSTGRES_PASSWORD"}"#)
                #expect(variable.body == #"{"value":"pw-\#(marker)"}"#)
                let secret = try await dashboard.post(base + "/reveal", #"{"secret": "db_password"}"#)
                #expect(secret.body == #"{"value":"file-\#(marker)"}"#)
            }
        }
    }

    /// `pier stop` in a terminal reaches an open feed within a second, from the engine's events.
    @Test func aTerminalChangeReachesTheFeedWithinASecond() async throws {
        try await ScratchProject.with(Self.compose(marker: "x"), files: ["db_password.txt": "x"]) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            try await DashboardHarness.with { dashboard in
                let url = dashboard.base + "/api/events?project=\(project.name)"
                try await TestSupport.launch(
                    URL(fileURLWithPath: "/usr/bin/env"), ["curl", "-sS", "-N", url], in: project.directory,
                    environment: ProcessInfo.processInfo.environment
                ) { feed in
                    let first = await feed.waitForOutput(containing: "event: project\n", seconds: 15)
                    #expect(!first.contains(#""state":"exited""#))
                    let stop = try await project.pier("stop", "db")
                    #expect(stop.status == 0)
                    let stopped = ContinuousClock.now
                    let output = await feed.waitForOutput(containing: #""state":"exited""#, seconds: 1)
                    #expect(output.contains(#""state":"exited""#), "not on the feed a second after pier stop")
                    print("dashboard feed: the stop showed \(ContinuousClock.now - stopped) after pier stop ended")
                }
            }
        }
    }

    /// An action from the page goes through `ProjectRuntime` as the command does, its progress streamed.
    @Test func aRestartFromThePageRestartsTheContainer() async throws {
        try await ScratchProject.with(Self.compose(marker: "x"), files: ["db_password.txt": "x"]) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            try await DashboardHarness.with { dashboard in
                let restart = try await dashboard.post(
                    "/api/projects/\(project.name)/actions", #"{"action": "restart", "service": "web"}"#)
                #expect(restart.events("done").first?["ok"] as? String == "true", "\(restart.body)")
                let progress = restart.events("progress").compactMap { $0["text"] as? String }
                #expect(progress.contains("Restarting") && progress.contains("Started"))
            }
            let logs = try await project.pier("logs", "web")
            #expect(logs.stdout.components(separatedBy: "boot").count - 1 == 2, "\(logs.stdout)")
        }
    }

    /// Docker Compose's stacks are not "limited": their files are read from the labels, and acted on.
    @Test(.requiresReference) func aStackDockerComposeStartedCanBeStopped() async throws {
        try await ScratchProject.with(Self.compose(marker: "x"), files: ["db_password.txt": "x"]) { project in
            #expect(try await project.reference("up", "-d").status == 0)
            try await DashboardHarness.with { dashboard in
                let stop = try await dashboard.post("/api/projects/\(project.name)/actions", #"{"action": "stop"}"#)
                #expect(stop.events("done").first?["ok"] as? String == "true", "\(stop.body)")
            }
            let running = try await project.pier("ps", "--status", "running", "--quiet")
            #expect(running.stdout.isEmpty)
            #expect(try await project.pier("ps", "--all", "--quiet").stdout.split(separator: "\n").count == 2)
        }
    }
}
