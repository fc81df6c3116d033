import Foundation
import PierTestSupport
import Testing

/// `logs` and `events` of `pier` on stacks the reference Docker Compose brought up, compared with the
/// reference's output; following and streaming run in the background while the test changes the stack.
@Suite(.requiresEngine)
struct ReadCommandsStreamTests {
    static let stack = """
        services:
          web:
            image: pier-test/busybox:latest
            command: sh -c 'echo hello from web; echo oops >&2; sleep 3600'
            stop_signal: SIGKILL
          worker:
            image: pier-test/busybox:latest
            command: sh -c 'echo working on $$HOSTNAME; sleep 3600'
            stop_signal: SIGKILL
            deploy:
              replicas: 2
          console:
            image: pier-test/busybox:latest
            tty: true
            command: sh -c 'echo on a terminal; sleep 3600'
            stop_signal: SIGKILL
          hidden:
            image: pier-test/busybox:latest
            attach: false
            command: sh -c 'echo hidden; sleep 3600'
            stop_signal: SIGKILL
        """

    @Test(.requiresReference) func logsShowWhatTheReferenceShows() async throws {
        try await ScratchProject.with(Self.stack) { project in
            #expect(try await project.reference("up", "-d").status == 0)
            for (container, text) in [("web-1", "oops"), ("worker-2", "working"), ("console-1", "terminal")] {
                try await ReadCommandsSupport.waitForOutput(
                    project, container: "\(project.name)-\(container)", text: text)
            }
            // One container at a time: its lines come in order (stdout and stderr excepted, hence sorting).
            for arguments in [
                ["logs", "console"], ["logs", "-t", "--tail", "1", "console"], ["logs", "--index", "2", "worker"],
                ["logs", "--index", "3", "worker"], ["logs", "--tail", "0", "web"],
                ["logs", "--since", "garbage", "web"],
                ["logs", "--until", "1h", "web"], ["logs", "--no-log-prefix", "console"],
            ] {
                try await ReadCommandsTests.compare(project, arguments)
            }
            // Several containers interleave as their lines come: the same lines, in some order.
            for arguments in [
                ["logs"], ["logs", "web", "worker"], ["logs", "--no-log-prefix", "web"], ["logs", "hidden"],
            ] {
                let reference = try await TestSupport.run(
                    try await TestSupport.requireReference(), arguments, in: project.directory,
                    environment: project.environment)
                let pier = try await project.pier(arguments)
                #expect(pier.status == 0, "\(arguments): \(pier.stderr)")
                #expect(
                    ReadCommandsSupport.logLines(pier.stdout) == ReadCommandsSupport.logLines(reference.stdout),
                    "\(arguments)")
            }
            let all = try await project.pier("logs")
            #expect(all.stdout.contains("console-1  | on a terminal\r\n") && !all.stdout.contains("hidden"))
            let colored = try await project.pier("--ansi", "always", "logs", "web")
            #expect(colored.stdout.hasPrefix("\u{1B}[36mweb-1  | \u{1B}[0m"))
            #expect(
                !(try await project.pier("--ansi", "always", "logs", "--no-color", "web")).stdout.contains("\u{1B}["))
        }
    }

    @Test(.requiresReference) func logsFollowRestartsAndEndsWithTheLastExit() async throws {
        try await ScratchProject.with(
            """
            services:
              job:
                image: pier-test/busybox:latest
                command: sh -c 'echo run; sleep 1; exit 5'
                restart: on-failure:1
            """
        ) { project in
            #expect(try await project.reference("up", "-d").status == 0)
            // Both follow at once; Pier's must end by itself with the last exit.
            var ended = false
            var pierRun: TestSupport.Result?
            let referenceRun = try await TestSupport.launch(
                try await TestSupport.requireReference(), ["logs", "-f"], in: project.directory,
                environment: project.environment, mergesErrors: true
            ) { reference in
                pierRun = try await project.launch(["logs", "-f"], mergesErrors: true) { pier in
                    ended = await pier.waitForExit(seconds: 20)
                }
                await reference.waitForExit(seconds: 5)
            }
            let (output, referenceOutput) = (pierRun?.stdout ?? "", referenceRun.stdout)
            #expect(ended && pierRun?.status == 0, "\(output)")
            // The first run's line, the restarted run's streamed from its start event (a line printed before the
            // event is dated before it, and missed, by the reference too), then the final exit.
            let lines = output.split(separator: "\n").map(String.init)
            #expect(lines.first == "job-1  | run", "\(output)")
            #expect(lines.last == "\r\u{1B}[Kjob-1 exited with code 5", "\(output)")
            // Whether the first exit reads `(restarting)` depends on when each tool looks; the rest must match.
            let kept = { (text: String) in Set(text.split(separator: "\n").filter { !$0.contains("restarting") }) }
            #expect(kept(output) == kept(referenceOutput))
        }
    }

    @Test(.requiresReference) func eventsReportTheProjectsContainersAsTheReferenceDoes() async throws {
        try await ScratchProject.with(Self.stack) { project in
            #expect(try await project.reference("up", "-d", "web", "worker").status == 0)
            let live = try await project.launch(["events", "--json", "web"], mergesErrors: true) { live in
                try await Task.sleep(for: .seconds(0.5))
                let start = String(format: "%.3f", Date().timeIntervalSince1970 - 0.1)
                #expect(try await project.docker("restart", "-t", "0", "\(project.name)-web-1").status == 0)
                #expect(try await project.docker("kill", "\(project.name)-worker-1").status == 0)
                // A window closed a moment after the last event (`--until 0s` would cut to the whole second).
                try await Task.sleep(for: .seconds(0.3))
                let end = String(format: "%.3f", Date().timeIntervalSince1970)
                for arguments in [["events", "--json"], ["events"], ["events", "worker"]] {
                    let window = arguments + ["--since", start, "--until", end]
                    let reference = try await TestSupport.run(
                        try await TestSupport.requireReference(), window, in: project.directory,
                        environment: project.environment)
                    let pier = try await project.pier(window)
                    // Compose ends a stream that reaches `--until` with `EOF` and status 1; Pier with status 0.
                    #expect(pier.status == 0, "\(window): \(pier.stderr)")
                    #expect(
                        Self.sortingAttributes(pier.stdout) == Self.sortingAttributes(reference.stdout), "\(window)")
                    #expect(pier.stdout.contains(arguments.contains("--json") ? #""action":"die""# : "container die"))
                }
                #expect(
                    try await project.pier("events", "worker", "--since", start, "--until", end).stdout.contains(
                        "worker-1")
                )
                try await Task.sleep(for: .seconds(0.5))
                live.send(SIGTERM)
                await live.waitForExit(seconds: 5)
            }
            let streamed = live.stdout
            #expect(streamed.contains(#""action":"start""#) && streamed.contains(#""service":"web""#), "\(streamed)")
            #expect(!streamed.contains(#""service":"worker""#))
        }
    }
}

extension ReadCommandsStreamTests {
    /// Event lines with their `(key=value, …)` attributes sorted: Compose prints them in Go's random map order,
    /// Pier sorted. JSON lines are left alone (both sort the keys of a map).
    static func sortingAttributes(_ output: String) -> String {
        output.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasSuffix(")"), let open = line.range(of: " (") else { return String(line) }
            let attributes = line[open.upperBound..<line.index(before: line.endIndex)]
            let sorted = attributes.components(separatedBy: ", ").sorted().joined(separator: ", ")
            return line[..<open.upperBound] + sorted + ")"
        }.joined(separator: "\n")
    }
}
