import Foundation
import Testing

/// Ctrl+C on an attached `pier run`: forwarded to the one-off container as the reference forwards it, and a third
/// one kills a container that ignores it.
@Suite(.enabled(if: EngineSupport.enabled, EngineSupport.skipMessage))
struct RunSignalTests {
    private func waitFor(_ text: String, in output: Pipe) async throws -> String {
        var seen = ""
        for _ in 0..<150 where !seen.contains(text) {
            try await Task.sleep(for: .milliseconds(100))
            seen += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }
        return seen
    }

    private func waitForExit(_ process: Process) async throws {
        for _ in 0..<150 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
    }

    @Test func ctrlCReachesTheContainerWhichStops() async throws {
        let project = try ScratchProject("services:\n  job: {image: pier-test/busybox}\n")
        defer { project.cleanUp() }
        let script = "trap 'echo interrupted; exit 130' INT; echo ready; while true; do sleep 0.1; done"
        let (process, output) = try project.launch(
            keepingStdinOpen: true, ["run", "--rm", "-T", "job", "sh", "-c", script])
        #expect(try await waitFor("ready", in: output).contains("ready"))
        process.interrupt()
        try await waitForExit(process)
        #expect(!process.isRunning, "pier did not end after Ctrl+C")
        if process.isRunning { process.terminate() }
        #expect(process.terminationStatus == 130)
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(rest.contains("interrupted"))
        let left = try project.docker("ps", "-aq", "--filter", "label=com.docker.compose.project=\(project.name)")
        #expect(left.stdout.isEmpty, "--rm left the one-off container")
    }

    @Test func thirdCtrlCKillsAContainerThatIgnoresIt() async throws {
        let project = try ScratchProject("services:\n  job: {image: pier-test/busybox}\n")
        defer { project.cleanUp() }
        let (process, output) = try project.launch(
            keepingStdinOpen: true, ["run", "-T", "job", "sh", "-c", "echo ready; exec sleep 3600"])
        #expect(try await waitFor("ready", in: output).contains("ready"))
        for _ in 0..<3 {
            process.interrupt()
            try await Task.sleep(for: .milliseconds(300))
        }
        try await waitForExit(process)
        #expect(!process.isRunning, "pier did not end after three Ctrl+C")
        if process.isRunning { process.terminate() }
        #expect(process.terminationStatus == 137)
        let state = try project.docker(
            "ps", "-a", "--filter", "label=com.docker.compose.project=\(project.name)", "--format", "{{.State}}")
        #expect(state.stdout == "exited\n")
    }
}
