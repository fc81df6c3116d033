import Synchronization

/// A value-type state machine shared by the tasks of one operation (output streams, signal handlers): each
/// transition happens under a lock, and the actions it returns are carried out outside it.
final class SharedState<Machine: Sendable>: Sendable {
    private let machine: Mutex<Machine>

    init(_ machine: Machine) {
        self.machine = Mutex(machine)
    }

    func withLock<Result: Sendable>(_ body: (inout Machine) -> Result) -> Result {
        machine.withLock { body(&$0) }
    }
}
