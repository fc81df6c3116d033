import PierTestSupport
import Testing

@testable import DockerEngine

@Suite(.requiresEngine) struct ExecEngineTests {
    @Test func catEchoesStdin() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let container = try await fixture.makeContainer(["sleep", "300"])
            let exec = try await engine.createExec(
                in: container, configuration: ExecConfiguration(command: ["cat"], attachesStdin: true))
            let frames = try await withTimeout(20, "exec cat") {
                try await engine.startExec(exec) { connection in
                    try await connection.write("hello\n")
                    try await connection.write(Array("world\n".utf8))
                    connection.closeInput()
                    return try await EngineFixture.collect(connection.frames)
                }
            }
            #expect(EngineFixture.text(frames, .stdout) == "hello\nworld\n")
            let inspection = try await engine.inspectExec(exec)
            #expect(inspection.isRunning == false)
            #expect(inspection.exitCode == 0)
            #expect(inspection.containerID == container)
        }
    }

    @Test func stdoutAndStderrAreSeparatedAndTheExitCodeKept() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let container = try await fixture.makeContainer(["sleep", "300"])
            let exec = try await engine.createExec(
                in: container,
                configuration: ExecConfiguration(command: ["sh", "-c", "echo out; echo err >&2; exit 4"]))
            let frames = try await withTimeout(20, "exec sh") {
                try await engine.startExec(exec) { try await EngineFixture.collect($0.frames) }
            }
            #expect(EngineFixture.text(frames, .stdout) == "out\n")
            #expect(EngineFixture.text(frames, .stderr) == "err\n")
            #expect(try await engine.inspectExec(exec).exitCode == 4)
        }
    }

    @Test func ttyExecIsRawAndResizable() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let container = try await fixture.makeContainer(["sleep", "300"])
            let configuration = ExecConfiguration(
                // The process lives until it sees the new size (at most ten seconds): a resize that reaches the engine
                // after the process ended is refused ("no such exec"), which a loaded machine can make happen.
                command: [
                    "sh", "-c",
                    "for i in $(seq 100); do [ \"$(stty size)\" = '33 111' ] && break; sleep 0.1; done; stty size; echo tty",
                ], attachesStdin: true, isTTY: true)
            let exec = try await engine.createExec(in: container, configuration: configuration)
            let text = try await withTimeout(20, "exec with a TTY") {
                try await engine.startExec(exec, isTTY: true) { connection in
                    try await engine.resizeExec(exec, height: 33, width: 111)
                    var text = ""
                    for try await chunk in connection.output { text += String(decoding: chunk, as: UTF8.self) }
                    return text
                }
            }
            #expect(text.contains("33 111"))
            #expect(text.contains("tty\r\n"))
        }
    }

    @Test func detachedExecRunsInTheBackground() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let container = try await fixture.makeContainer(["sleep", "300"])
            let exec = try await engine.createExec(
                in: container,
                configuration: ExecConfiguration(
                    command: ["sh", "-c", "sleep 0.2; exit 5"], attachesStdout: false, attachesStderr: false))
            try await engine.startExecDetached(exec)
            let exitCode = try await withTimeout(20, "detached exec ends") {
                while true {
                    let inspection = try await engine.inspectExec(exec)
                    if !inspection.isRunning, let code = inspection.exitCode { return code }
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            #expect(exitCode == 5)
        }
    }

    @Test func engineErrorsOfExec() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            await #expect {
                try await engine.startExec("0123456789abcdef-no-such-exec") { _ in }
            } throws: { error in
                let error = error as? EngineError
                return error?.code == .notFound && error?.message.contains("No such exec instance") == true
            }
            let stopped = try await fixture.makeContainer(["true"], start: false)
            await #expect {
                _ = try await engine.createExec(in: stopped, configuration: ExecConfiguration(command: ["true"]))
            } throws: { error in
                (error as? EngineError)?.code == .conflict
            }
        }
    }

    @Test func callerErrorsPassThroughAndCloseTheConnection() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let container = try await fixture.makeContainer(["sleep", "300"])
            let exec = try await engine.createExec(
                in: container, configuration: ExecConfiguration(command: ["cat"], attachesStdin: true))
            await #expect(throws: TestSetupError.self) {
                try await engine.startExec(exec) { _ in throw TestSetupError("caller gave up") }
            }
            // Closing the connection ends cat's stdin, so the exec ends.
            let ended = try await withTimeout(20, "exec ends once its connection closed") {
                while try await engine.inspectExec(exec).isRunning { try await Task.sleep(for: .milliseconds(50)) }
                return true
            }
            #expect(ended)
        }
    }
}
