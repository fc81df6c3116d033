import Foundation
import PierTestSupport
import Testing

/// Ctrl+C in an attached `up`, and an `up` killed half-way: the next `up` must converge.
@Suite(.requiresEngine)
struct InterruptionTests {
    @Test func ctrlCStopsTheAttachedProjectGracefully() async throws {
        try await ScratchProject.with(
            """
            services:
              server: {image: pier-test/busybox, command: sh -c 'echo serving; exec sleep 3600'}
            """
        ) { project in
            var (seen, exited) = ("", false)
            try await project.launch(["--progress", "quiet", "up", "--no-color", "--timeout", "1"]) { up in
                // Wait until the container printed, then interrupt as a terminal's Ctrl+C would.
                seen = await up.waitForOutput(containing: "serving", seconds: 10)
                up.send(SIGINT)
                exited = await up.waitForExit(seconds: 10)
            }
            #expect(seen.contains("serving"))
            #expect(exited, "pier did not stop after Ctrl+C")
            let state = try await project.docker("inspect", "\(project.name)-server-1", "--format", "{{.State.Status}}")
            #expect(state.stdout.contains("exited"))
        }
    }

    /// As the reference: once Ctrl+C is pressed nothing more of the containers is shown, not even what they print
    /// while they stop, nor their exit.
    @Test(.requiresReference) func ctrlCEndsTheOutputAsTheReference() async throws {
        try await ScratchProject.with(
            """
            services:
              ticker:
                image: pier-test/busybox
                command: ["sh", "-c", "trap 'echo stopping; sleep 1; echo still-stopping; exit 0' TERM; while true; do echo tick; sleep 0.2; done"]
            """
        ) { project in
            for tool in [try await TestSupport.requireReference(), TestSupport.pierBinary] {
                let up = try await TestSupport.launch(
                    tool, ["--progress", "quiet", "up", "--no-color"], in: project.directory,
                    environment: project.environment
                ) { up in
                    _ = await up.waitForOutput(containing: "tick", seconds: 10)
                    up.send(SIGINT)
                    #expect(await up.waitForExit(seconds: 20), "\(tool.lastPathComponent) did not stop")
                }
                let after = up.stdout.components(separatedBy: "Gracefully Stopping... press Ctrl+C again to force\n")
                #expect(after.count == 2, "\(tool.lastPathComponent): \(up.stdout)")
                #expect(after.last == "", "\(tool.lastPathComponent) went on: \(after.last ?? "")")
                #expect(up.status == 130)
                _ = try await project.pier("down", "--timeout", "0")
            }
        }
    }

    @Test func anUpKilledMidwayConvergesNextTime() async throws {
        let services = (1...8).map { "  s\($0): {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL}" }
        try await ScratchProject.with("services:\n" + services.joined(separator: "\n") + "\n") { project in
            try await project.launch(["--progress", "quiet", "up", "-d"]) { up in
                try await Task.sleep(for: .milliseconds(250))
                up.send(SIGKILL)
                await up.waitForExit(seconds: 10)
            }
            let again = try await project.pier("up", "-d")
            #expect(again.status == 0, "\(again.stderr)")
            let names = try await project.docker(
                "ps", "-a", "--filter", "label=com.docker.compose.project=\(project.name)", "--format",
                "{{.Names}} {{.State}}")
            let lines = names.stdout.split(separator: "\n").map(String.init).sorted()
            #expect(lines == (1...8).map { "\(project.name)-s\($0)-1 running" }.sorted())
        }
    }
}
