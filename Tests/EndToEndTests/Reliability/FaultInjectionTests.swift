import Foundation
import PierTestSupport
import Testing

/// `build`, `up`, `logs -f`, `events` and `down` through the engine proxy, one fault at a time: none hangs, each
/// succeeds or fails with an error that says what broke, and afterwards `up` converges with no duplicates and the
/// project's volume as it was.
@Suite(.requiresEngine)
struct FaultInjectionTests {
    static let compose = """
        services:
          app:
            build: .
            command: sh -c 'echo app started; exec sleep 3600'
            stop_signal: SIGKILL
            volumes: [data:/data]
          job:
            image: pier-test/busybox
            command: sh -c 'echo job ran; sleep 2'
            depends_on: [app]
        volumes:
          data: {}

        """
    static let files = ["Dockerfile": "FROM pier-test/busybox\nRUN echo built > /built\n"]

    /// What a failure through a faulty proxy may say: the proxy's 500, or a connection that broke.
    static let clearErrors = ["fault injected by engine-proxy", "the connection to the engine at"]

    static let faults: [[String]] = [
        ["--delay", "100"], ["--drop", "4"], ["--drop-after", "4"], ["--fail", "5"], ["--truncate", "3"],
        ["--cut-streams", "1"],
    ]

    @Test(arguments: faults)
    func commandsThroughAFaultNeitherHangNorStrandTheProject(fault: [String]) async throws {
        try await ScratchProject.with(Self.compose, files: Self.files) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            #expect(try await project.pier("exec", "-T", "app", "sh", "-c", "echo kept > /data/marker").status == 0)
            #expect(try await project.pier("down").status == 0)
            try await FaultProxy.with(fault) { proxy in
                for command in [["build"], ["up", "-d"], ["logs", "-f", "job"]] {
                    try await Self.expectNoHang(project, proxy, command)
                }
                try await Self.expectEventsFollow(project, proxy)
                try await Self.expectNoHang(project, proxy, ["down"])
            }
            let again = try await project.pier("up", "-d")
            #expect(again.status == 0, "\(again.stderr)")
            let listed = try await project.pier("ps", "-a", "--format", "{{.Name}}")
            #expect(listed.stdout == "\(project.name)-app-1\n\(project.name)-job-1\n")
            let networks = try await project.docker(
                "network", "ls", "-q", "--filter", "label=com.docker.compose.project=\(project.name)")
            #expect(networks.stdout.split(separator: "\n").count == 1)
            let marker = try await project.pier("exec", "-T", "app", "cat", "/data/marker")
            #expect(marker.stdout == "kept\n", "the volume changed: \(marker.stderr)")
        }
    }

    @Test func anUpKeepsItsConnectionsAndOutlivesDroppedOnes() async throws {
        try await ScratchProject.with(Self.compose, files: Self.files) { project in
            // Every tenth request's connection closed unanswered: the `up` the issue saw never complete.
            try await FaultProxy.with(["--drop", "10"]) { proxy in
                let up = try await project.pier(["up", "-d"], environment: proxy.environment)
                #expect(up.status == 0, "\(up.stderr)")
                // One connection for the event stream, a few kept alive for the rest, and one after each drop (the
                // reference opens 10 without drops); BuildKit's session and control API upgrade connections of
                // their own, which are never reused.
                let requests = proxy.requests()
                let upgraded = Set(
                    requests.filter { $0.line.contains(" /session ") || $0.line.contains(" /grpc ") }.map(\.connection))
                let connections = Set(requests.map(\.connection)).subtracting(upgraded)
                #expect(upgraded.count == 2, "\(requests.map(\.line))")
                #expect(connections.count <= 6, "\(connections.count) connections")
            }
            let listed = try await project.pier("ps", "--format", "{{.Name}} {{.State}}")
            #expect(listed.stdout.contains("\(project.name)-app-1 running\n"))
        }
    }

    /// Runs `pier ARGS` through the proxy: it must end within a minute, and succeed or say what broke.
    static func expectNoHang(_ project: ScratchProject, _ proxy: FaultProxy, _ arguments: [String]) async throws {
        let result = try await project.launch(arguments, environment: proxy.environment) { command in
            #expect(await command.waitForExit(seconds: 60), "pier \(arguments.joined(separator: " ")) hung")
        }
        expectClear(result, arguments)
    }

    /// `pier events` through the proxy sees a start made after it began, or ends saying what broke.
    static func expectEventsFollow(_ project: ScratchProject, _ proxy: FaultProxy) async throws {
        let events = try await project.launch(["events"], environment: proxy.environment) { events in
            // Past the first cut of `--cut-streams`.
            try await Task.sleep(for: .milliseconds(1500))
            // Starts, whatever the earlier commands left.
            _ = try await project.pier("up", "-d")
            _ = try await project.pier("restart", "job")
            let seen = await events.waitForOutput(containing: "container start", seconds: 10)
            if !seen.contains("container start") {
                #expect(await events.waitForExit(seconds: 10), "events neither followed nor ended")
            }
            events.send(SIGINT)
        }
        if !events.stdout.contains("container start") { expectClear(events, ["events"]) }
    }

    static func expectClear(_ result: TestSupport.Result, _ arguments: [String]) {
        let command = "pier \(arguments.joined(separator: " "))"
        #expect(!result.stderr.contains("Fatal error"), "\(command) crashed: \(result.stderr)")
        guard result.status != 0, result.status != 130 else { return }
        #expect(
            clearErrors.contains { result.stderr.contains($0) },
            "\(command) failed without saying what broke: \(result.stderr)")
    }
}
