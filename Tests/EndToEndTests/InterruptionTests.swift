import Foundation
import Testing

/// Ctrl+C in an attached `up`, and an `up` killed half-way: the next `up` must converge.
@Suite(.enabled(if: EngineSupport.enabled, EngineSupport.skipMessage))
struct InterruptionTests {
    @Test func ctrlCStopsTheAttachedProjectGracefully() async throws {
        let project = try ScratchProject(
            """
            services:
              server: {image: pier-test/busybox, command: sh -c 'echo serving; exec sleep 3600'}
            """)
        defer { project.cleanUp() }
        let (process, output) = try project.launch(["--progress", "quiet", "up", "--no-color", "--timeout", "1"])
        // Wait until the container printed, then interrupt as a terminal's Ctrl+C would.
        var seen = ""
        for _ in 0..<100 where !seen.contains("serving") {
            try await Task.sleep(for: .milliseconds(100))
            seen += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(seen.contains("serving"))
        process.interrupt()
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning, "pier did not stop after Ctrl+C")
        let state = try project.docker("inspect", "\(project.name)-server-1", "--format", "{{.State.Status}}")
        #expect(state.stdout.contains("exited"))
    }

    @Test func anUpKilledMidwayConvergesNextTime() async throws {
        let services = (1...8).map { "  s\($0): {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL}" }
        let project = try ScratchProject("services:\n" + services.joined(separator: "\n") + "\n")
        defer { project.cleanUp() }
        let (process, _) = try project.launch(["--progress", "quiet", "up", "-d"])
        try await Task.sleep(for: .milliseconds(250))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let again = try project.pier("up", "-d")
        #expect(again.status == 0, "\(again.stderr)")
        let names = try project.docker(
            "ps", "-a", "--filter", "label=com.docker.compose.project=\(project.name)", "--format",
            "{{.Names}} {{.State}}")
        let lines = names.stdout.split(separator: "\n").map(String.init).sorted()
        #expect(lines == (1...8).map { "\(project.name)-s\($0)-1 running" }.sorted())
    }
}
