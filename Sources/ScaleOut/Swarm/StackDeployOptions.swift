import ComposeSpec

/// `pier stack deploy`'s choices, named as `docker stack deploy` names them.
public struct StackDeployOptions: Sendable {
    /// When to pin each image to its registry digest: `always`, `changed` or `never`.
    public enum ResolveImage: String, Sendable, CaseIterable {
        case always, changed, never
    }

    /// Remove the stack's services that are no longer in the file.
    public var prune = false
    /// Send the registry credentials to the manager, for the nodes to pull private images.
    public var withRegistryAuth = false
    public var resolveImage = ResolveImage.always
    /// Block until every service has converged (its tasks running, and healthy when they check health).
    public var wait = false
    /// How long a wait lasts at most (for a dependency, or for convergence).
    public var timeout: Duration = .seconds(300)
    /// Deploy even with keys Swarm cannot express (they are then left out).
    public var acceptLosses = false

    public init() {}
}

/// What a deploy does, as it does it.
public enum StackEvent: Sendable, Equatable {
    case created(kind: String, name: String)
    case updated(service: String)
    case unchanged(service: String)
    case removed(kind: String, name: String)
    /// A service waits for a dependency to be started, healthy or completed.
    case waiting(service: String, dependency: String, condition: String)
    /// A service's tasks: how many run of how many it wants.
    case progress(service: String, running: Int, desired: Int)
    case converged(service: String)
    case warning(String)
}

/// A stack operation that failed: why, and what caused it.
public struct StackError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var underlying: (any Error)?

    public init(_ message: String, underlying: (any Error)? = nil) {
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }

    /// The losses that stop a deploy, listed before anything was deployed.
    static func losses(_ report: LossReport) -> StackError {
        StackError(
            "Swarm cannot express these keys (deploy them anyway, without them, with --accept-losses):\n"
                + report.lines.joined(separator: "\n"))
    }
}
