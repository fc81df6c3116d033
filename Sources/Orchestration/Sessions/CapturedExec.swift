import DockerEngine

/// A command run in a running container without a terminal, its output collected rather than relayed: what a
/// program (a test) does with `exec -T`. Also where an attached exec learns its exit code.
public struct CapturedExec: Sendable {
    /// What the command printed and how it ended.
    public struct Output: Sendable, Hashable {
        public var exitCode: Int32
        public var stdout: String
        public var stderr: String

        public init(exitCode: Int32, stdout: String, stderr: String) {
            self.exitCode = exitCode
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    public let client: EngineClient

    public init(client: EngineClient) {
        self.client = client
    }

    /// Runs `configuration` (its TTY and stdin settings are replaced: no terminal, stdin only when `input` is
    /// given) in `containerID`, writes `input` then closes the command's input, and waits for its end.
    public func run(
        in containerID: String, _ configuration: ExecConfiguration, input: [UInt8]? = nil
    ) async throws -> Output {
        var configuration = configuration
        configuration.isTTY = false
        configuration.attachesStdin = input != nil
        configuration.attachesStdout = true
        configuration.attachesStderr = true
        let execID = try await client.createExec(in: containerID, configuration: configuration)
        let (stdout, stderr) = try await client.startExec(execID) { connection in
            // Written while the output is read: a command may print before it has read all of its input.
            async let written: Void = Self.write(input, to: connection)
            let output = try await Self.collect(connection)
            await written
            return output
        }
        return Output(
            exitCode: try await exitCode(of: execID), stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Writes `input` and closes the command's input; a command that exits without reading it all makes the
    /// write fail, which is no failure of the exec.
    private static func write(_ input: [UInt8]?, to connection: HijackedConnection) async {
        guard let input else { return }
        try? await connection.write(input)
        connection.closeInput()
    }

    private static func collect(_ connection: HijackedConnection) async throws -> ([UInt8], [UInt8]) {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        for try await frame in connection.frames {
            switch frame.source {
            case .stderr, .system: stderr += frame.bytes
            case .stdout, .stdin: stdout += frame.bytes
            }
        }
        return (stdout, stderr)
    }

    /// The exit code of an exec whose output has ended. The engine records it as the process ends, which may be
    /// just after its output closed: it is asked again for up to two seconds.
    public func exitCode(of execID: String) async throws -> Int32 {
        for _ in 0..<100 {
            let inspection = try await client.inspectExec(execID)
            if !inspection.isRunning, let code = inspection.exitCode { return Int32(truncatingIfNeeded: code) }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw OrchestrationError(.engine, "the engine did not report the exit code of exec \(execID)")
    }
}
