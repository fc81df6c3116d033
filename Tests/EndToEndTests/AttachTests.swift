import Foundation
import PierTestSupport
import Testing

/// `pier attach` to a service's running container: its output (streams apart), its exit code, our stdin.
@Suite(.requiresEngine)
struct AttachTests {
    static let compose = """
        services:
          waiter:
            image: pier-test/busybox
            command: [sh, -c, "while [ ! -e /tmp/go ]; do sleep 0.1; done; echo to-out; echo to-err >&2; exit 3"]
          reader: {image: pier-test/busybox, command: cat, stdin_open: true}
        """

    @Test func followsTheContainerToItsExitCode() async throws {
        try await ScratchProject.with(Self.compose) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            var exited = false
            let attach = try await project.launch(["attach", "waiter"]) { attach in
                try await Task.sleep(for: .seconds(1))
                #expect(try await project.pier("exec", "-T", "waiter", "touch", "/tmp/go").status == 0)
                exited = await attach.waitForExit(seconds: 10)
            }
            #expect(exited)
            #expect(attach.status == 3)
            #expect(attach.stdout == "to-out\n")
            #expect(attach.stderr == "to-err\n")
        }
    }

    /// Our stdin reaches the container; its end does not close the container's (which stays open for later
    /// attachments), so the session lasts until the container stops, as the reference's does.
    @Test func sendsOurStdinToTheContainer() async throws {
        try await ScratchProject.with(Self.compose) { project in
            #expect(try await project.pier("up", "-d", "reader").status == 0)
            var (seen, stayed, exited) = ("", false, false)
            let attach = try await project.launch(["attach", "reader"], input: .open) { attach in
                try await attach.write(Data("hello through attach\n".utf8))
                try await attach.closeInput()
                seen = await attach.waitForOutput(containing: "\n", seconds: 5)
                try await Task.sleep(for: .milliseconds(200))
                stayed = !attach.hasExited
                try await project.pier("stop", "-t", "0", "reader")
                exited = await attach.waitForExit(seconds: 10)
            }
            #expect(seen == "hello through attach\n")
            #expect(stayed, "the attachment ended with our stdin")
            #expect(exited)
            #expect(attach.status == 137)
        }
    }

    @Test(.requiresReference, arguments: [["attach", "nosuch"], ["attach", "--index", "2", "reader"]])
    func failuresMatchTheReference(arguments: [String]) async throws {
        try await ScratchProject.with(Self.compose) { project in
            #expect(try await project.pier("up", "-d", "reader").status == 0)
            let (pier, reference) = (try await project.pier(arguments), try await project.reference(arguments))
            #expect(pier.status == reference.status)
            #expect(pier.stderr == reference.stderr)
        }
    }
}
