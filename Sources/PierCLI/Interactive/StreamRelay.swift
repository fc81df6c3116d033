import DockerEngine
import Foundation

/// Joins the local standard streams to a hijacked exec or attach connection: standard input to the process,
/// closing its input (a half-close) at end of file so that `psql < backup.sql` finishes; its stdout and stderr
/// to ours, kept apart; with a TTY, the remote terminal's size following the local window.
struct StreamRelay: Sendable {
    let connection: HijackedConnection
    /// Whether local standard input goes to the process.
    let forwardsInput: Bool
    /// Sets the remote terminal's size (rows, columns); nil without a TTY.
    let resize: (@Sendable (Int, Int) async throws -> Void)?
    /// Whether end of file on our stdin closes the process's. Not for `attach` to a container that keeps its
    /// stdin open for many attachments: the engine would end the session, output not yet read included.
    var closesInputAtEndOfFile = true

    /// Relays until the process's output ends.
    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            if forwardsInput {
                let (connection, closes) = (self.connection, closesInputAtEndOfFile)
                group.addTask { await Self.pumpInput(into: connection, closingAtEnd: closes) }
            }
            if let resize {
                group.addTask { await Self.followWindowSize(resize) }
            }
            try await relayOutput()
            group.cancelAll()
        }
    }

    private func relayOutput() async throws {
        if connection.isTTY {
            for try await bytes in connection.output { StandardStreams.write(bytes, to: 1) }
            return
        }
        for try await frame in connection.frames {
            switch frame.source {
            case .stderr, .system: StandardStreams.write(frame.bytes, to: 2)
            case .stdout, .stdin: StandardStreams.write(frame.bytes, to: 1)
            }
        }
    }

    /// Copies standard input to the process, then closes its input. A process that exits before reading it all
    /// makes the writes fail; that is not an error of the session.
    private static func pumpInput(into connection: HijackedConnection, closingAtEnd: Bool) async {
        let reader = DescriptorReader(descriptor: 0)
        do {
            try await reader.forEach { try await connection.write($0) }
        } catch {
            return
        }
        guard closingAtEnd, !Task.isCancelled else { return }
        connection.closeInput()
    }

    /// Sets the size once (retrying briefly: the engine refuses it until the process has started), then again on
    /// each window change.
    private static func followWindowSize(_ resize: @Sendable (Int, Int) async throws -> Void) async {
        let changes = Signals.windowChanges.stream()
        for _ in 0..<10 {
            guard let size = Terminal.size(of: 1) ?? Terminal.size(of: 0) else { break }
            if (try? await resize(size.rows, size.columns)) != nil { break }
            try? await Task.sleep(for: .milliseconds(50))
        }
        for await _ in changes {
            guard let size = Terminal.size(of: 1) ?? Terminal.size(of: 0) else { continue }
            try? await resize(size.rows, size.columns)
        }
    }
}
