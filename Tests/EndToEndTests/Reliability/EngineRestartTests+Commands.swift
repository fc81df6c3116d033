import Foundation
import PierTestSupport
import Testing

extension EngineRestartTests {
    static let commandsCompose = """
        services:
          app:
            build: .
            command: sh -c 'echo app is up; exec sleep 3600'
            stop_signal: SIGKILL
          slow:
            image: pier-test/busybox
            command: sh -c "trap '' TERM; echo slow is up; while true; do sleep 1; done"
            stop_grace_period: 8s

        """

    static let commandsFiles = [
        "Dockerfile": "FROM pier-test/busybox\nARG ROUND=1\nRUN sleep 6 && echo $ROUND > /round\n"
    ]

    /// `build`, `exec`, `run` and `down`, each with its engine stopped under it: each ends saying the engine went
    /// away, and once the engine is back the same command converges.
    @Test func buildExecRunAndDownThatLoseTheirEngineSaySoAndTheNextConverges() async throws {
        try await PrivateEngine.with { engine in
            try await ScratchProject.with(
                Self.commandsCompose, files: Self.commandsFiles, environment: engine.environment
            ) { project in
                let interrupted: [(arguments: [String], marker: String)] = [
                    (["--progress", "plain", "build"], "RUN sleep 6"),
                    (["exec", "-T", "app", "sh", "-c", "echo exec is up; sleep 60"], "exec is up"),
                    (["run", "--rm", "app", "sh", "-c", "echo run is up; sleep 60"], "run is up"),
                    (["--progress", "plain", "down"], "slow-1  Stopping"),
                ]
                for (arguments, marker) in interrupted {
                    if arguments.contains("exec") || arguments.contains("down") {
                        let up = try await project.pier("up", "-d")
                        try #require(up.status == 0, "\(up.stderr)")
                    }
                    let command = arguments.joined(separator: " ")
                    let result = try await project.launch(arguments, mergesErrors: true) { running in
                        let seen = await running.waitForOutput(containing: marker, seconds: 60)
                        #expect(seen.contains(marker), "\(command): \(seen)")
                        try await engine.stop()
                        #expect(
                            await running.waitForExit(seconds: 30), "\(command) did not end when the engine went away")
                    }
                    #expect(result.status != 0, "\(command)")
                    #expect(
                        result.stdout.contains("the Docker engine at \(engine.host) went away during the command"),
                        "\(command): \(result.stdout)")
                    try await engine.start()
                }
                let built = try await project.pier("build")
                #expect(built.status == 0, "\(built.stderr)")
                let up = try await project.pier("up", "-d")
                #expect(up.status == 0, "\(up.stderr)")
                let exec = try await project.pier("exec", "-T", "app", "cat", "/round")
                #expect(exec.stdout == "1\n", "\(exec.stderr)")
                let run = try await project.pier("run", "--rm", "app", "echo", "ran")
                #expect(run.stdout == "ran\n", "\(run.stderr)")
                let down = try await project.pier("down", "-t", "0")
                #expect(down.status == 0, "\(down.stderr)")
                let left = try await project.pier("ps", "-a", "-q")
                #expect(left.stdout.isEmpty, "\(left.stdout)")
            }
        }
    }
}
