import DockerEngine
import Foundation
import Orchestration

/// An attached `run`: the one-off container's streams joined to ours from its start to its exit. Ctrl+C and
/// termination requests are forwarded to the container as the reference forwards them; as the container may
/// ignore them (a shell as PID 1 does), a third one kills it.
struct OneOffSession {
    let engine: EngineClient
    let containerID: String
    let isTTY: Bool
    let forwardsInput: Bool

    /// Runs the container to its end and returns its exit code.
    func run() async throws -> Int32 {
        if isTTY { Terminal.enterRawMode() }
        defer { Terminal.restore() }
        let engine = self.engine
        let containerID = self.containerID
        var resize: (@Sendable (Int, Int) async throws -> Void)?
        if isTTY {
            resize = { @Sendable rows, columns in
                try await engine.resizeContainer(containerID, height: rows, width: columns)
            }
        }
        let options = AttachOptions(stdin: forwardsInput, stdout: true, stderr: true, stream: true)
        let forwardsInput = self.forwardsInput
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await Self.forwardSignals(to: containerID, engine: engine) }
            try await engine.attachContainer(containerID, options: options, isTTY: isTTY) {
                (connection: HijackedConnection) -> Void in
                // Attached first, then started: no output is lost.
                try await engine.startContainer(containerID)
                try await StreamRelay(connection: connection, forwardsInput: forwardsInput, resize: resize).run()
            }
            group.cancelAll()
        }
        let result = try await engine.waitContainer(containerID, condition: .notRunning)
        return Int32(truncatingIfNeeded: result.statusCode)
    }

    private static func forwardSignals(to containerID: String, engine: EngineClient) async {
        let interrupts = Signals.keyboardInterrupts.stream()
        let terminations = Signals.terminationRequests.stream()
        let count = Counter()
        await withTaskGroup(of: Void.self) { group in
            for (stream, name) in [(interrupts, "SIGINT"), (terminations, "SIGTERM")] {
                group.addTask {
                    for await _ in stream {
                        let signal = await count.increment() >= 3 ? "SIGKILL" : name
                        try? await engine.killContainer(containerID, signal: signal)
                    }
                }
            }
        }
    }
}

private actor Counter {
    private var value = 0

    func increment() -> Int {
        value += 1
        return value
    }
}
