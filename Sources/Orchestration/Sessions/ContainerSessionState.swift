/// The decisions of a session joined to one container's streams, `run` (attached) or `attach`, as Docker Compose
/// makes them: `run` starts the container once attached, so no output is lost; Ctrl+C and termination requests
/// reach the container as the signals they are, and the third kills it (a process as PID 1 may ignore them); the
/// status is the container's exit code, or 0 when `attach` leaves it running (detached from); `run --rm` removes
/// the container afterwards, whether the session went well or not. A value type without I/O, so each transition
/// is tested on its own.
public struct ContainerSessionState: Sendable, Hashable {
    public enum Mode: Sendable, Hashable {
        /// `run`: the container is new; `removes` with `--rm`.
        case run(removes: Bool)
        /// `attach`: the container already runs.
        case attach
    }

    /// A signal the user sends to the session.
    public enum Signal: String, Sendable, Hashable {
        case interrupt = "SIGINT"
        case terminate = "SIGTERM"
    }

    public enum Event: Sendable, Hashable {
        /// The streams are joined.
        case attached
        /// The container's output ended (it stopped, or `attach` was detached from).
        case outputEnded
        case exited(code: Int)
        /// The container still runs once the output ended: `attach` was detached from with the detach keys.
        case stillRunning
        case signal(Signal)
        /// The session failed (attach, start or the streams); the error ends the command.
        case failed
    }

    public enum Action: Sendable, Hashable {
        case start
        /// Send the container this signal (`SIGINT`, `SIGTERM`, `SIGKILL`).
        case send(signal: String)
        /// Wait for the container to stop, for its exit code.
        case waitForExit
        /// Look at the container: stopped (its exit code) or still running.
        case inspect
        case remove
        /// The session is over, with this status.
        case finish(status: Int32)
    }

    public let mode: Mode
    /// Whether signals reach the container (not with a TTY, where Ctrl+C is a key, or `--sig-proxy=false`).
    public let forwardsSignals: Bool
    /// How many signals reached the container.
    public private(set) var signalsSent = 0

    public init(mode: Mode, forwardsSignals: Bool = true) {
        self.mode = mode
        self.forwardsSignals = forwardsSignals
    }

    private var removes: Bool { mode == .run(removes: true) }

    public mutating func handle(_ event: Event) -> [Action] {
        switch event {
        case .attached:
            return mode == .attach ? [] : [.start]
        case .outputEnded:
            return mode == .attach ? [.inspect] : [.waitForExit]
        case .exited(let code):
            return (removes ? [.remove] : []) + [.finish(status: Int32(truncatingIfNeeded: code))]
        case .stillRunning:
            return [.finish(status: 0)]
        case .signal(let signal):
            guard forwardsSignals else { return [] }
            signalsSent += 1
            return [.send(signal: signalsSent >= 3 ? "SIGKILL" : signal.rawValue)]
        case .failed:
            return removes ? [.remove] : []
        }
    }
}
