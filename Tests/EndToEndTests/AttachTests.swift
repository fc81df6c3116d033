import Foundation
import Testing

/// `pier attach` to a service's running container: its output (streams apart), its exit code, our stdin.
@Suite(.enabled(if: EngineSupport.enabled, EngineSupport.skipMessage))
struct AttachTests {
    static let compose = """
        services:
          waiter:
            image: pier-test/busybox
            command: [sh, -c, "while [ ! -e /tmp/go ]; do sleep 0.1; done; echo to-out; echo to-err >&2; exit 3"]
          reader: {image: pier-test/busybox, command: cat, stdin_open: true}
        """

    @Test func followsTheContainerToItsExitCode() async throws {
        let project = try ScratchProject(Self.compose)
        defer { project.cleanUp() }
        #expect(try project.pier("up", "-d").status == 0)
        let process = Process()
        process.executableURL = TestSupport.pierBinary
        process.arguments = ["attach", "waiter"]
        process.currentDirectoryURL = project.directory
        process.environment = project.environment
        let (output, errors) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try await Task.sleep(for: .seconds(1))
        #expect(try project.pier("exec", "-T", "waiter", "touch", "/tmp/go").status == 0)
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        if process.isRunning { process.terminate() }
        #expect(process.terminationStatus == 3)
        #expect(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "to-out\n")
        #expect(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "to-err\n")
    }

    /// Our stdin reaches the container; its end does not close the container's (which stays open for later
    /// attachments), so the session lasts until the container stops, as the reference's does.
    @Test func sendsOurStdinToTheContainer() async throws {
        let project = try ScratchProject(Self.compose)
        defer { project.cleanUp() }
        #expect(try project.pier("up", "-d", "reader").status == 0)
        let process = Process()
        process.executableURL = TestSupport.pierBinary
        process.arguments = ["attach", "reader"]
        process.currentDirectoryURL = project.directory
        process.environment = project.environment
        let (output, input) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data("hello through attach\n".utf8))
        try input.fileHandleForWriting.close()
        var seen = ""
        for _ in 0..<50 where !seen.contains("\n") {
            try await Task.sleep(for: .milliseconds(100))
            seen += String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(seen == "hello through attach\n")
        #expect(process.isRunning, "the attachment ended with our stdin")
        try project.pier("stop", "-t", "0", "reader")
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        #expect(!process.isRunning)
        if process.isRunning { process.terminate() }
        #expect(process.terminationStatus == 137)
    }

    @Test(arguments: [["attach", "nosuch"], ["attach", "--index", "2", "reader"]])
    func failuresMatchTheReference(arguments: [String]) throws {
        let project = try ScratchProject(Self.compose)
        defer { project.cleanUp() }
        #expect(try project.pier("up", "-d", "reader").status == 0)
        let pier = try TestSupport.run(
            TestSupport.pierBinary, arguments, in: project.directory, environment: project.environment)
        let binary = try #require(TestSupport.referenceCompose, "the reference Docker Compose is not installed")
        let reference = try TestSupport.run(binary, arguments, in: project.directory, environment: project.environment)
        #expect(pier.status == reference.status)
        #expect(pier.stderr == reference.stderr)
    }
}
