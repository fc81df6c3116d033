import Orchestration
import Synchronization

/// Watching the files while an attached `up` follows the output: on from the start with `--watch`, and turned on
/// and off with the menu's `w`. The watch is made when first turned on: a project with no `develop.watch` fails
/// then, as Compose's menu says it.
final class WatchSwitch: Sendable {
    let make: @Sendable () throws -> ProjectWatch
    private let verbose: Bool
    private let running = Mutex<Task<Void, Never>?>(nil)

    init(verbose: Bool, make: @escaping @Sendable () throws -> ProjectWatch) {
        self.make = make
        self.verbose = verbose
    }

    var isOn: Bool { running.withLock { $0 != nil } }

    /// Starts watching; throws when the services have nothing to watch.
    func start() throws {
        let watch = try make()
        let verbose = self.verbose
        let task = Task {
            do {
                try await Watch.follow(watch, verbose: verbose)
            } catch is CancellationError {
            } catch {
                Output.writeError("watch stopped: \(error)\n")
            }
        }
        running.withLock { $0 = task }
    }

    func stop() {
        running.withLock {
            $0?.cancel()
            $0 = nil
        }
    }
}
