/// What `logs --follow` does as the project's containers change, decided from engine events as Docker Compose
/// 2.40's monitor decides it: attach to every container that starts, report exits, and stop once every watched
/// container has exited for good. A value type without I/O, so each transition is tested on its own.
public struct LogFollowState: Sendable, Hashable {
    /// A container event of the followed services.
    public enum Event: Sendable, Hashable {
        /// A container was created; `replacing` names the container it replaces (its replace label), if any.
        case created(id: String, replacing: String?)
        case started(id: String)
        /// `restarting`: the engine brings the container back (a restart policy, or `restart` in progress).
        case died(id: String, name: String, exitCode: Int, restarting: Bool)
    }

    /// What to do about an event.
    public enum Action: Sendable, Hashable {
        /// Stream the container's logs from the event's time.
        case attach(id: String)
        /// Print Compose's status line about a container: `web-1 exited with code 0`.
        case status(name: String, text: String)
    }

    /// Containers whose end is awaited before following stops: those listed at the start (running or not)
    /// and those created or started since.
    private(set) var watched: Set<String>

    /// Watches `containerIDs`, the containers listed at the start.
    public init(containerIDs: [String]) {
        watched = Set(containerIDs)
    }

    /// Whether every watched container has exited for good: `logs --follow` then ends.
    public var isFinished: Bool { watched.isEmpty }

    public mutating func handle(_ event: Event) -> [Action] {
        switch event {
        case .created(let id, let replacing):
            watched.insert(id)
            return replacing.map { [.status(name: $0, text: "has been recreated")] } ?? []
        case .started(let id):
            watched.insert(id)
            return [.attach(id: id)]
        case .died(let id, let name, let exitCode, let restarting):
            if restarting {
                return [.status(name: name, text: "exited with code \(exitCode) (restarting)")]
            }
            watched.remove(id)
            return [.status(name: name, text: "exited with code \(exitCode)")]
        }
    }
}
