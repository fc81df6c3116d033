import ComposeSpec

/// What a conversion did not carry over: every key of the project that the target cannot express, with the
/// file:line:column it was written at, so nothing is silently dropped.
public struct LossReport: Sendable, Hashable {
    /// One key that did not carry over.
    public struct Loss: Sendable, Hashable, PositionedMessage {
        /// The key's path in the project, as `config` prints it: `services.web.privileged`.
        public var path: String
        /// Why it did not carry over, and what happens instead when something does.
        public var reason: String
        public var location: SourceLocation?
        public var file: String?

        public init(path: String, reason: String, at location: SourceLocation?) {
            self.path = path
            self.reason = reason
            self.location = location
            self.file = location?.file
        }

        /// `path: reason`.
        public var message: String { "\(path): \(reason)" }
    }

    /// The target the losses are about (`Kubernetes`, `Swarm`).
    public var target: String
    /// The losses in the order the project's keys were read.
    public private(set) var losses: [Loss] = []

    public init(target: String) {
        self.target = target
    }

    public var isEmpty: Bool { losses.isEmpty }

    /// Records that the key at `path` (its node `node`) did not carry over.
    public mutating func add(_ path: String, _ reason: String, node: Node?) {
        losses.append(Loss(path: path, reason: reason, at: node?.keyLocation ?? node?.location))
    }

    /// Records losses found elsewhere, in their order.
    public mutating func append(contentsOf other: [Loss]) {
        losses += other
    }

    /// The report as lines: `file:line:column: path: reason`, one per loss.
    public var lines: [String] { losses.map(\.description) }
}
