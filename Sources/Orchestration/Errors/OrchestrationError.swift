import ComposeSpec

/// A failure of an operation on a project (`up`, `run`, a query, a container's create body): what kind it is
/// (``code``), the words for the user, the service and the compose file position it is about when known, and the
/// error that caused it.
public struct OrchestrationError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; callers branch on it. An extensible set of static codes, as
    /// `EngineError.Code`, so new kinds add no `switch` cases elsewhere.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A service, container, image, network, volume or file that the operation needs does not exist.
        public static let notFound = Code("notFound")
        /// A container is not in the state the operation needs (not running, no container yet).
        public static let notRunning = Code("notRunning")
        /// Two settings or objects contradict each other (a name already taken, incompatible attributes).
        public static let conflict = Code("conflict")
        /// A value cannot be used as written.
        public static let invalidValue = Code("invalidValue")
        /// The attribute has no meaning outside Swarm, or needs a feature Pier does not have.
        public static let unsupported = Code("unsupported")
        /// The engine's API version is too old for an attribute Pier cannot leave out.
        public static let engineTooOld = Code("engineTooOld")
        /// A `service:` or `volumes_from` reference names a service without a container yet.
        public static let missingContainer = Code("missingContainer")
        /// A secret or config reads an environment variable that is not set.
        public static let missingVariable = Code("missingVariable")
        /// A file the project names cannot be read.
        public static let unreadableFile = Code("unreadableFile")
        /// A service's image is missing and may not be pulled or built.
        public static let missingImage = Code("missingImage")
        /// Pulling, pushing or building an image failed.
        public static let pullFailed = Code("pullFailed")
        public static let pushFailed = Code("pushFailed")
        public static let buildFailed = Code("buildFailed")
        /// A container another one waits for did not become healthy, or did not complete successfully.
        public static let dependencyFailed = Code("dependencyFailed")
        /// The operation was not attempted because a service it waits for failed (reported on its own).
        public static let dependencyNotReady = Code("dependencyNotReady")
        /// A container stopped or turned unhealthy while `up --wait` waited for it, or the wait timed out.
        public static let notReady = Code("notReady")
        /// A lifecycle hook (`post_start`, `pre_stop`) exited with a non-zero status.
        public static let hookFailed = Code("hookFailed")
        /// The engine refused an operation, or its event stream ended early.
        public static let engine = Code("engine")
        /// The project's lock (which keeps two Pier processes from changing it at once) could not be taken.
        public static let projectLock = Code("projectLock")
        /// A program Pier runs (git) could not run or failed.
        public static let processFailed = Code("processFailed")
        /// The operation was cancelled.
        public static let cancelled = Code("cancelled")
    }

    public var code: Code
    /// The words for the user, naming the service as the sentence needs (`service "web": …`).
    public var message: String
    /// The service the failure is about, if any.
    public var service: String?
    /// Where in the compose files the value at fault was written.
    public var location: SourceLocation?
    /// The error that caused this one (the engine's refusal, a file system error), if any.
    public var underlying: (any Error)?

    public init(
        _ code: Code, _ message: String, service: String? = nil, at location: SourceLocation? = nil,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.service = service
        self.location = location
        self.underlying = underlying
    }

    /// An error about `service`, its message led by `service "name": ` as Pier words them.
    public static func service(
        _ service: String, _ code: Code, _ reason: String, at location: SourceLocation? = nil,
        underlying: (any Error)? = nil
    ) -> OrchestrationError {
        OrchestrationError(
            code, "service \"\(service)\": \(reason)", service: service, at: location, underlying: underlying)
    }

    /// `file:line:column: message`, or the message alone where no position is known.
    public var description: String {
        guard let location else { return message }
        return "\(location): \(message)"
    }
}

extension OrchestrationError {
    /// `service "name": no such service`-style failure for a name the project does not define.
    static func noSuchService(_ service: String) -> OrchestrationError {
        OrchestrationError(.notFound, "no such service: \(service)", service: service)
    }
}
