import Foundation
import Testing

/// `logs` and `events` of `pier` on stacks the reference Docker Compose brought up, compared with the
/// reference's output; following and streaming run in the background while the test changes the stack.
@Suite(.enabled(if: EngineSupport.enabled, EngineSupport.skipMessage))
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

    @Test func logsShowWhatTheReferenceShows() throws {
        let project = try ScratchProject(Self.stack)
        defer { project.cleanUp() }
        #expect(try project.reference("up", "-d").status == 0)
        for (container, text) in [("web-1", "oops"), ("worker-2", "working"), ("console-1", "terminal")] {
            try ReadCommandsSupport.waitForOutput(project, container: "\(project.name)-\(container)", text: text)
        }
        // One container at a time: its lines come in order (stdout and stderr excepted, hence sorting).
        for arguments in [
            ["logs", "console"], ["logs", "-t", "--tail", "1", "console"], ["logs", "--index", "2", "worker"],
            ["logs", "--index", "3", "worker"], ["logs", "--tail", "0", "web"], ["logs", "--since", "garbage", "web"],
            ["logs", "--until", "1h", "web"], ["logs", "--no-log-prefix", "console"],
        ] {
            try ReadCommandsTests.compare(project, arguments)
        }
        // Several containers interleave as their lines come: the same lines, in some order.
        for arguments in [
            ["logs"], ["logs", "web", "worker"], ["logs", "--no-log-prefix", "web"], ["logs", "hidden"],
        ] {
            let reference = try TestSupport.run(
                try #require(TestSupport.referenceCompose), arguments, in: project.directory,
                environment: project.environment)
            let pier = try project.pier(arguments: arguments)
            #expect(pier.status == 0, "\(arguments): \(pier.stderr)")
            #expect(
                ReadCommandsSupport.logLines(pier.stdout) == ReadCommandsSupport.logLines(reference.stdout),
                "\(arguments)")
        }
        let all = try project.pier("logs")
        #expect(all.stdout.contains("console-1  | on a terminal\r\n") && !all.stdout.contains("hidden"))
        let colored = try project.pier("--ansi", "always", "logs", "web")
        #expect(colored.stdout.hasPrefix("\u{1B}[36mweb-1  | \u{1B}[0m"))
        #expect(!(try project.pier("--ansi", "always", "logs", "--no-color", "web")).stdout.contains("\u{1B}["))
    }

    @Test func logsFollowRestartsAndEndsWithTheLastExit() throws {
        let project = try ScratchProject(
            """
            services:
              job:
                image: pier-test/busybox:latest
                command: sh -c 'echo run; sleep 1; exit 5'
                restart: on-failure:1
            """)
        defer { project.cleanUp() }
        #expect(try project.reference("up", "-d").status == 0)
        let reference = try BackgroundCommand.reference("logs", "-f", in: project)
        let pier = try BackgroundCommand.pier("logs", "-f", in: project)
        let (status, output) = pier.finish(timeout: 20)
        let referenceOutput = reference.finish(timeout: 5).output
        #expect(status == 0, "\(output)")
        // The first run's line, the restarted run's streamed from its start event (a line printed before the
        // event is dated before it, and missed, by the reference too), then the final exit.
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.first == "job-1  | run", "\(output)")
        #expect(lines.last == "\r\u{1B}[Kjob-1 exited with code 5", "\(output)")
        // Whether the first exit reads `(restarting)` depends on when each tool looks; the rest must match.
        let kept = { (text: String) in Set(text.split(separator: "\n").filter { !$0.contains("restarting") }) }
        #expect(kept(output) == kept(referenceOutput))
    }

    @Test func eventsReportTheProjectsContainersAsTheReferenceDoes() throws {
        let project = try ScratchProject(Self.stack)
        defer { project.cleanUp() }
        #expect(try project.reference("up", "-d", "web", "worker").status == 0)
        let live = try BackgroundCommand.pier("events", "--json", "web", in: project)
        Thread.sleep(forTimeInterval: 0.5)
        let start = String(format: "%.3f", Date().timeIntervalSince1970 - 0.1)
        #expect(try project.docker("restart", "-t", "0", "\(project.name)-web-1").status == 0)
        #expect(try project.docker("kill", "\(project.name)-worker-1").status == 0)
        // A window closed a moment after the last event (`--until 0s` would cut to the whole second).
        Thread.sleep(forTimeInterval: 0.3)
        let end = String(format: "%.3f", Date().timeIntervalSince1970)
        for arguments in [["events", "--json"], ["events"], ["events", "worker"]] {
            let window = arguments + ["--since", start, "--until", end]
            let reference = try TestSupport.run(
                try #require(TestSupport.referenceCompose), window, in: project.directory,
                environment: project.environment)
            let pier = try project.pier(arguments: window)
            // Compose ends a stream that reaches `--until` with `EOF` and status 1; Pier with status 0.
            #expect(pier.status == 0, "\(window): \(pier.stderr)")
            #expect(Self.sortingAttributes(pier.stdout) == Self.sortingAttributes(reference.stdout), "\(window)")
            #expect(pier.stdout.contains(arguments.contains("--json") ? #""action":"die""# : "container die"))
        }
        #expect(try project.pier("events", "worker", "--since", start, "--until", end).stdout.contains("worker-1"))
        Thread.sleep(forTimeInterval: 0.5)
        live.interrupt()
        let streamed = live.finish(timeout: 1).output
        #expect(streamed.contains(#""action":"start""#) && streamed.contains(#""service":"web""#), "\(streamed)")
        #expect(!streamed.contains(#""service":"worker""#))
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

extension ScratchProject {
    /// Runs `pier` with arguments built at run time.
    func pier(arguments: [String]) throws -> TestSupport.Result {
        try TestSupport.run(TestSupport.pierBinary, arguments, in: directory, environment: environment)
    }
}
