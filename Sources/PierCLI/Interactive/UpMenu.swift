import Dispatch
import Foundation

/// The keys an attached `up` takes with `--menu` (or `COMPOSE_MENU`), those of Docker Compose's navigation menu
/// that need no Docker Desktop: `d` detaches (the output stops, the containers keep running) and `w` turns
/// watching the files on and off. Keys are read from the terminal without echo; Ctrl+C still interrupts.
final class UpMenu: Sendable {
    /// One element per press of the detach key.
    let detaches: AsyncStream<Void>
    /// One element per press of the watch key.
    let watchToggles: AsyncStream<Void>
    private let continuations: [AsyncStream<Void>.Continuation]

    /// Whether the menu is on: `--menu` (or `--menu=false`), else `COMPOSE_MENU`, unless `COMPOSE_EXPERIMENTAL`
    /// turns experimental features off; and only with a terminal on both standard input and output.
    static func enabled(flag: Bool?, variables: ComposeVariables = .current) -> Bool {
        guard flag ?? variables.menu ?? false, variables.experimental else { return false }
        return Terminal.isTerminal(0) && Terminal.isTerminal(1)
    }

    init() {
        let (detaches, detach) = AsyncStream.makeStream(of: Void.self)
        let (watchToggles, toggle) = AsyncStream.makeStream(of: Void.self)
        (self.detaches, self.watchToggles, continuations) = (detaches, watchToggles, [detach, toggle])
        Terminal.enterKeyMode()
        // A blocking read of the terminal, on a thread of its own: it ends with the process.
        DispatchQueue.global().async {
            var byte: UInt8 = 0
            while read(0, &byte, 1) == 1 {
                if byte == UInt8(ascii: "d") { detach.yield() }
                if byte == UInt8(ascii: "w") { toggle.yield() }
            }
            detach.finish()
            toggle.finish()
        }
    }

    /// Prints the menu: each key in reverse video, its action faint (plain without colours); the watch key says
    /// what pressing it does.
    func show(colored: Bool, watching: Bool) {
        let entries = [("d", "Detach"), ("w", watching ? "Disable Watch" : "Enable Watch")]
        let text = entries.map { key, action in
            colored ? "\u{1B}[1;7m\(key)\u{1B}[0m\u{1B}[2m \(action)\u{1B}[0m" : "\(key) \(action)"
        }
        Output.write(text.joined(separator: "   ") + "\n")
    }

    /// Says that watching turned off, as Compose says it (turning on, the watch says it).
    func announceWatchOff(colored: Bool) {
        let mark = colored ? "\u{1B}[92m        ⦿ \u{1B}[0m" : "        ⦿ "
        Output.write(mark + "Watch disabled\n")
    }

    /// Says that the services have nothing to watch, as Compose says it.
    func announceNoWatch(colored: Bool) {
        let link = "https://docs.docker.com/compose/file-watch/"
        let label = colored ? "\u{1B}[1;36mWatch →\u{1B}[0m" : "Watch →"
        let shownLink = colored ? "\u{1B}[36m\(link)\u{1B}[0m" : link
        Output.write("\(label)  watch is not yet configured. Learn more: \(shownLink)\n")
    }

    /// Restores the terminal.
    func close() {
        for continuation in continuations { continuation.finish() }
        Terminal.restore()
    }
}
