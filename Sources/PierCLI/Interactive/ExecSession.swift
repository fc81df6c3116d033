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
        return try await CapturedExec(client: engine).exitCode(of: execID)
    }
}
