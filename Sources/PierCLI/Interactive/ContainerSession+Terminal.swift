import DockerEngine
import Orchestration

extension ContainerSession {
    /// The session joined to this process: raw mode on the terminal while a TTY session runs (restored however it
    /// ends), standard input and output relayed, the container's terminal following the window's size, and
    /// Ctrl+C and termination requests passed on when the session forwards signals. `closesInputAtEndOfFile`: see
    /// ``StreamRelay/closesInputAtEndOfFile``.
    func runInTerminal(closesInputAtEndOfFile: Bool = true) async throws -> Int32 {
        if isTTY { Terminal.enterRawMode() }
        defer { Terminal.restore() }
        let (client, containerID, forwardsInput) = (self.client, self.containerID, self.forwardsInput)
        var resize: (@Sendable (Int, Int) async throws -> Void)?
        if isTTY {
            resize = { @Sendable rows, columns in
                try await client.resizeContainer(containerID, height: rows, width: columns)
            }
        }
        let signals = state.forwardsSignals ? Signals.sessionSignals() : AsyncStream { $0.finish() }
        return try await run(signals: signals) { [resize] connection in
            try await StreamRelay(
                connection: connection, forwardsInput: forwardsInput, resize: resize,
                closesInputAtEndOfFile: closesInputAtEndOfFile
            ).run()
        }
    }
}
