import DockerEngine
import Foundation
import Orchestration

/// A container's streams joined to ours: an attached `run` (attached first, then started, so no output is lost)
/// or `attach`. Ctrl+C and termination requests are forwarded to the container as the reference forwards them;
/// as the container may ignore them (a process as PID 1 does by default), a third one kills it.
struct ContainerSession {
    let engine: EngineClient
    let containerID: String
    let isTTY: Bool
    let forwardsInput: Bool
    /// Whether to start the container once attached (`run`), rather than join a running one (`attach`).
    var startsContainer = true
    var forwardsSignals = true
    var detachKeys: String?
    /// Whether end of file on our stdin closes the container's (see ``StreamRelay/closesInputAtEndOfFile``).
    var closesInputAtEndOfFile = true

    /// Runs until the container's output ends; returns its exit code, or 0 when it still runs (detached from).
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
        let options = AttachOptions(
            stdin: forwardsInput, stdout: true, stderr: true, stream: true, detachKeys: detachKeys)
        let (forwardsInput, startsContainer, forwardsSignals) = (self.forwardsInput, startsContainer, forwardsSignals)
        let closesInput = closesInputAtEndOfFile
        try await withThrowingTaskGroup(of: Void.self) { group in
            if forwardsSignals {
                group.addTask { await SignalForwarding.forward(to: containerID, engine: engine) }
            }
            try await engine.attachContainer(containerID, options: options, isTTY: isTTY) {
                (connection: HijackedConnection) -> Void in
                if startsContainer { try await engine.startContainer(containerID) }
                try await StreamRelay(
                    connection: connection, forwardsInput: forwardsInput, resize: resize,
                    closesInputAtEndOfFile: closesInput
                ).run()
            }
            group.cancelAll()
        }
        if startsContainer {
            return Int32(
                truncatingIfNeeded: try await engine.waitContainer(containerID, condition: .notRunning).statusCode)
        }
        let state = try await engine.inspectContainer(containerID).state
        return state.isRunning ? 0 : Int32(truncatingIfNeeded: state.exitCode)
    }
}

/// Sends Ctrl+C and termination requests to a container as the signals they are; the third kills it.
enum SignalForwarding {
    static func forward(to containerID: String, engine: EngineClient) async {
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
