import Foundation
import Orchestration
import Synchronization

/// Watching the files while an attached `up` follows the output: on from the start with `--watch`, and turned on
/// and off with the menu's `w`. The watch is made when first needed: a project with no `develop.watch` fails then
/// (with the loader's `notFound`), as Compose's menu says it.
final class WatchSwitch: Sendable {
    private struct State {
        /// A watch made ahead (`--watch` checks there is something to watch before anything starts).
        var prepared: ProjectWatch?
        /// The running watch, and which start made it.
        var running: (task: Task<Void, Never>, id: UUID)?
    }

    private let make: @Sendable () throws -> ProjectWatch
    private let verbose: Bool
    private let state = Mutex(State())

    init(verbose: Bool, make: @escaping @Sendable () throws -> ProjectWatch) {
        self.make = make
        self.verbose = verbose
    }

    /// Whether a watch runs (one that ended on an error does not).
    var isOn: Bool { state.withLock { $0.running != nil } }

    /// Makes the watch the next ``start()`` runs; throws when the services have nothing to watch.
    func prepare() throws {
        let watch = try make()
        state.withLock { $0.prepared = watch }
    }

    /// Starts watching (stopping a watch that runs); throws when the services have nothing to watch.
    func start() throws {
        let watch = try state.withLock { $0.prepared } ?? make()
        let (verbose, id) = (self.verbose, UUID())
        let task = Task {
            do {
                try await Watch.follow(watch, verbose: verbose)
            } catch is CancellationError {
            } catch {
                Output.writeError("watch stopped: \(error)\n")
            }
            self.ended(id)
        }
        state.withLock { state in
            state.prepared = nil
            state.running?.task.cancel()
            state.running = (task, id)
        }
    }

    func stop() {
        state.withLock { state in
            state.running?.task.cancel()
            state.running = nil
        }
    }

    /// A watch that ended by itself is off.
    private func ended(_ id: UUID) {
        state.withLock { state in
            if state.running?.id == id { state.running = nil }
        }
    }
}
