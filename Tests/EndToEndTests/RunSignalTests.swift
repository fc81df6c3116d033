import Foundation
import PierTestSupport
import Testing

/// Ctrl+C on an attached `pier run`: forwarded to the one-off container as the reference forwards it, and a third
/// one kills a container that ignores it.
@Suite(.requiresEngine)
struct RunSignalTests {
    @Test func ctrlCReachesTheContainerWhichStops() async throws {
        try await ScratchProject.with("services:\n  job: {image: pier-test/busybox}\n") { project in
            let script = "trap 'echo interrupted; exit 130' INT; echo ready; while true; do sleep 0.1; done"
            var (ready, exited) = (false, false)
            let run = try await project.launch(["run", "--rm", "-T", "job", "sh", "-c", script], input: .open) { run in
                ready = await run.waitForOutput(containing: "ready").contains("ready")
                run.send(SIGINT)
                exited = await run.waitForExit(seconds: 15)
            }
            #expect(ready)
            #expect(exited, "pier did not end after Ctrl+C")
            #expect(run.status == 130)
            #expect(run.stdout.contains("interrupted"))
            let left = try await project.docker(
                "ps", "-aq", "--filter", "label=com.docker.compose.project=\(project.name)")
            #expect(left.stdout.isEmpty, "--rm left the one-off container")
        }
    }

    @Test func thirdCtrlCKillsAContainerThatIgnoresIt() async throws {
        try await ScratchProject.with("services:\n  job: {image: pier-test/busybox}\n") { project in
            var (ready, exited) = (false, false)
            let run = try await project.launch(
                ["run", "-T", "job", "sh", "-c", "echo ready; exec sleep 3600"], input: .open
            ) { run in
                ready = await run.waitForOutput(containing: "ready").contains("ready")
                for _ in 0..<3 {
                    run.send(SIGINT)
                    try await Task.sleep(for: .milliseconds(300))
                }
                exited = await run.waitForExit(seconds: 15)
            }
            #expect(ready)
            #expect(exited, "pier did not end after three Ctrl+C")
            #expect(run.status == 137)
            let state = try await project.docker(
                "ps", "-a", "--filter", "label=com.docker.compose.project=\(project.name)", "--format", "{{.State}}")
            #expect(state.stdout == "exited\n")
        }
    }
}
