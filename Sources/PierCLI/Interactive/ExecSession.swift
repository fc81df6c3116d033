import DockerEngine
import Foundation
import Orchestration

/// One attached exec: the process's streams joined to ours until its output ends, then its exit code.
struct ExecSession {
    let engine: EngineClient
    let execID: String
    let isTTY: Bool

    func run() async throws -> Int32 {
        if isTTY { Terminal.enterRawMode() }
        defer { Terminal.restore() }
        let engine = self.engine
        let execID = self.execID
        var resize: (@Sendable (Int, Int) async throws -> Void)?
        if isTTY {
            resize = { @Sendable rows, columns in try await engine.resizeExec(execID, height: rows, width: columns) }
        }
        try await engine.startExec(execID, isTTY: isTTY) { (connection: HijackedConnection) -> Void in
            try await StreamRelay(connection: connection, forwardsInput: true, resize: resize).run()
        }
        return try await exitCode()
    }

    /// The engine records the exit code as the process ends, which may be just after its output closed.
    private func exitCode() async throws -> Int32 {
        for _ in 0..<100 {
            let inspection = try await engine.inspectExec(execID)
            if !inspection.isRunning, let code = inspection.exitCode { return Int32(truncatingIfNeeded: code) }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw OrchestrationError(.engine, "the engine did not report the exit code of exec \(execID)")
    }
}
