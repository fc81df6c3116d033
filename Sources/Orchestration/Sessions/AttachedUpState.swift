import ComposeSpec

/// What an attached `up` does once its containers run, decided as Docker Compose 2.40 decides it: whose output is
/// shown, when the project is stopped (the first container to exit, with `--abort-on-container-exit` or
/// `--exit-code-from`; the first to fail, with `--abort-on-container-failure`), how Ctrl+C escalates (a graceful
/// stop, then a kill on each further one; no output is shown from the first on), detaching (the menu's `d`), and
/// the status the command ends with. A value type without I/O, so each transition is tested on its own.
public struct AttachedUpState: Sendable, Hashable {
    /// The flags of `up` that decide.
    public struct Options: Sendable, Hashable {
        /// The services named on the command line (all when empty).
        public var services: [String] = []
        /// `--attach`: only these services' output, instead of the named ones.
        public var attach: [String] = []
        /// `--no-attach`: never these services' output.
        public var noAttach: [String] = []
        public var abortOnContainerExit = false
        /// `--abort-on-container-failure`: stop the project once a container exits with a non-zero code, and end
        /// with that code.
        public var abortOnContainerFailure = false
        /// `--exit-code-from`: the status is this service's container's exit code; implies aborting.
        public var exitCodeFrom: String?
        /// The services declared with `attach: false`: attached only when named.
        public var unattached: Set<String> = []

        public init() {}
    }

    public enum Event: Sendable, Hashable {
        /// An attached container's output ended and it exited with `exitCode`.
        case exited(name: String, exitCode: Int)
        /// Ctrl+C or a termination request.
        case interrupted
        /// The menu's detach key: stop following the output, leave the containers running.
        case detached
    }

    public enum Action: Sendable, Hashable {
        /// Print Compose's status line about a container: `web-1 exited with code 0`.
        case status(name: String, text: String)
        /// Tell the user why the project stops.
        case notice(Notice)
        /// Stop the project's containers, giving them their stop timeout.
        case stop
        /// Kill the project's containers.
        case kill
    }

    public enum Notice: Sendable, Hashable {
        /// `Aborting on container exit...`
        case aborting
        /// `Gracefully Stopping... press Ctrl+C again to force`
        case gracefullyStopping
    }

    /// The status the command ends with, once every attached container's output has ended.
    public enum Outcome: Sendable, Hashable {
        case status(Int32)
        /// The exit code of the first container of this service (`--exit-code-from`).
        case exitCodeOf(service: String)
    }

    public let options: Options
    /// How many times Ctrl+C (or a termination request) came.
    public private(set) var interruptions = 0
    /// The exit code of the first container to exit.
    public private(set) var firstExitCode: Int?
    /// Whether the project is being stopped already: it is stopped once.
    public private(set) var isStopping = false
    /// The exit code of the first container that failed (`--abort-on-container-failure`).
    public private(set) var failureExitCode: Int?
    /// Whether the user detached: the output is no longer followed and nothing is stopped.
    public private(set) var isDetached = false

    public init(options: Options) {
        self.options = options
    }

    /// The services of a project `document` declared with `attach: false` (`logs` leaves them out too).
    public static func unattached(in document: Node) -> Set<String> {
        Set((document["services"]?.mapping ?? [:]).filter { $0.value["attach"]?.value.isFalse == true }.keys)
    }

    /// Whether `service`'s output is shown: those `--attach` names, else those named on the command line, else
    /// every one but those declared `attach: false`; never those `--no-attach` names.
    public func attaches(_ service: String) -> Bool {
        guard !options.noAttach.contains(service) else { return false }
        let selected = options.attach.isEmpty ? options.services : options.attach
        return selected.isEmpty ? !options.unattached.contains(service) : selected.contains(service)
    }

    /// Whether the containers' output (and Compose's lines about them) is still shown: not once Ctrl+C was
    /// pressed, as in Compose, while the project stops.
    public var showsOutput: Bool { interruptions == 0 }

    private var abortsOnExit: Bool { options.abortOnContainerExit || options.exitCodeFrom != nil }

    public mutating func handle(_ event: Event) -> [Action] {
        switch event {
        case .exited(let name, let exitCode):
            var actions: [Action] = showsOutput ? [.status(name: name, text: "exited with code \(exitCode)")] : []
            if firstExitCode == nil {
                firstExitCode = exitCode
                if abortsOnExit { actions += [.notice(.aborting)] + stop() }
            }
            // A container stopped by the project's own stop is not a failure that aborts it.
            if options.abortOnContainerFailure, exitCode != 0, failureExitCode == nil, !isStopping {
                failureExitCode = exitCode
                actions += [.notice(.aborting)] + stop()
            }
            return actions
        case .interrupted:
            interruptions += 1
            guard interruptions == 1 else { return [.kill] }
            return [.notice(.gracefullyStopping)] + stop()
        case .detached:
            guard !isStopping else { return [] }
            isDetached = true
            return []
        }
    }

    private mutating func stop() -> [Action] {
        guard !isStopping else { return [] }
        isStopping = true
        return [.stop]
    }

    /// The status once the output has ended: 0 once detached; 130 after Ctrl+C; with `--exit-code-from`, that
    /// service's exit code; with `--abort-on-container-exit`, the first exit code; with
    /// `--abort-on-container-failure`, the first failure's; otherwise 0.
    public var outcome: Outcome {
        if isDetached { return .status(0) }
        if interruptions > 0 { return .status(130) }
        if let service = options.exitCodeFrom { return .exitCodeOf(service: service) }
        if options.abortOnContainerExit, let code = firstExitCode { return .status(Int32(truncatingIfNeeded: code)) }
        if options.abortOnContainerFailure, let code = failureExitCode {
            return .status(Int32(truncatingIfNeeded: code))
        }
        return .status(0)
    }
}
