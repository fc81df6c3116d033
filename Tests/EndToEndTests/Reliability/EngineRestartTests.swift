import Foundation
import PierTestSupport
import Testing

/// An engine that stops while a command runs (a restart): the command ends saying the engine went away, and once
/// the engine is back the next command converges. On a private engine, the only kind a test may stop.
@Suite(.requiresPrivateEngine, .serialized)
struct EngineRestartTests {
    static let compose = """
        services:
          db:
            image: pier-test/busybox
            command: sh -c 'sleep 4; touch /tmp/ready; exec sleep 3600'
            stop_signal: SIGKILL
            healthcheck: {test: [CMD, test, -e, /tmp/ready], interval: 1s, retries: 30}
          web:
            image: pier-test/busybox
            command: sh -c 'echo web is up; exec sleep 3600'
            stop_signal: SIGKILL
            depends_on: {db: {condition: service_healthy}}

        """

    @Test func anUpThatLosesItsEngineSaysSoAndTheNextConverges() async throws {
        try await PrivateEngine.with { engine in
            try await ScratchProject.with(Self.compose, environment: engine.environment) { project in
                let up = try await project.launch(["--progress", "plain", "up", "-d"], mergesErrors: true) { up in
                    // The engine stops while `up` waits for db to turn healthy.
                    await up.waitForOutput(containing: "Waiting", seconds: 30)
                    try await engine.stop()
                    #expect(await up.waitForExit(seconds: 30), "up did not end when the engine went away")
                }
                #expect(up.status == 1)
                #expect(up.stdout.contains("the Docker engine at \(engine.host) went away during the command"))
                try await engine.start()
                let again = try await project.pier("up", "-d")
                #expect(again.status == 0, "\(again.stderr)")
                let listed = try await project.pier("ps", "--format", "{{.Service}} {{.State}}")
                #expect(listed.stdout == "db running\nweb running\n")
            }
        }
    }

    @Test func followingLogsAndEventsSaySoToo() async throws {
        try await PrivateEngine.with { engine in
            try await ScratchProject.with(Self.compose, environment: engine.environment) { project in
                #expect(try await project.pier("up", "-d").status == 0)
                let logs = try await project.launch(["logs", "-f", "web"]) { logs in
                    let events = try await project.launch(["events"]) { events in
                        await logs.waitForOutput(containing: "web is up")
                        try await Task.sleep(for: .milliseconds(300))
                        try await engine.stop()
                        #expect(await events.waitForExit(seconds: 30), "events did not end when the engine went away")
                    }
                    #expect(events.status == 1)
                    #expect(events.stderr.contains("went away during the command"), "\(events.stderr)")
                    #expect(await logs.waitForExit(seconds: 30), "logs -f did not end when the engine went away")
                }
                #expect(logs.status == 1)
                #expect(logs.stderr.contains("went away during the command"), "\(logs.stderr)")
                try await engine.start()
                let again = try await project.pier("up", "-d")
                #expect(again.status == 0, "\(again.stderr)")
                let listed = try await project.pier("ps", "--format", "{{.Service}} {{.State}}")
                #expect(listed.stdout == "db running\nweb running\n")
            }
        }
    }
}
