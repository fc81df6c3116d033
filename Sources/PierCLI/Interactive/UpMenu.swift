import Dispatch
import Foundation

/// The keys an attached `up` takes with `--menu` (or `COMPOSE_MENU`), those of Docker Compose's navigation menu
/// that need no Docker Desktop: `d` detaches (the output stops, the containers keep running). Keys are read from
/// the terminal without echo; Ctrl+C still interrupts.
final class UpMenu: Sendable {
    /// One element per press of the detach key.
    let detaches: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    /// Whether the menu is on: `--menu` (or `--menu=false`), else `COMPOSE_MENU`, unless `COMPOSE_EXPERIMENTAL`
    /// turns experimental features off; and only with a terminal on both standard input and output.
    static func enabled(flag: Bool?, variables: ComposeVariables = .current) -> Bool {
        guard flag ?? variables.menu ?? false, variables.experimental else { return false }
        return Terminal.isTerminal(0) && Terminal.isTerminal(1)
    }

    init() {
        (detaches, continuation) = AsyncStream.makeStream(of: Void.self)
        Terminal.enterKeyMode()
        let continuation = self.continuation
        // A blocking read of the terminal, on a thread of its own: it ends with the process.
        DispatchQueue.global().async {
            var byte: UInt8 = 0
            while read(0, &byte, 1) == 1 {
                if byte == UInt8(ascii: "d") { continuation.yield() }
            }
            continuation.finish()
        }
    }

    /// Prints the menu: the key in reverse video, its action faint (plain without colours).
    func show(colored: Bool) {
        let key = colored ? "\u{1B}[1;7md\u{1B}[0m" : "d"
        let action = colored ? "\u{1B}[2m Detach\u{1B}[0m" : " Detach"
        Output.write(key + action + "\n")
    }

    /// Restores the terminal.
    func close() {
        continuation.finish()
        Terminal.restore()
    }
}
