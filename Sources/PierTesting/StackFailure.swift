#if canImport(Testing)
    import Testing
#endif

/// What one container of a stack printed: its last lines, stdout and stderr together.
public struct ContainerLog: Sendable, Hashable {
    /// The container's name (`<project>-<service>-<n>`, or its `container_name`).
    public var container: String
    public var service: String
    public var lines: [String]

    public init(container: String, service: String, lines: [String]) {
        self.container = container
        self.service = service
        self.lines = lines
    }

    /// `last output of NAME:` and the lines, indented; empty when it printed nothing.
    var section: String {
        guard !lines.isEmpty else { return "" }
        return "\nlast output of \(container):\n"
            + lines.map { "  " + ComposeStack.withoutReturn($0) }
            .joined(separator: "\n")
    }
}

/// A failure inside a stack's scope (its start, or the body), with what every container of the stack printed: the
/// test's report shows the error, then the logs.
public struct StackFailure: Error, CustomStringConvertible {
    /// How many of each container's last lines are kept.
    public static let linesPerContainer = 100

    /// The error the start or the body threw.
    public var error: any Error
    /// The stack's project name.
    public var stack: String
    /// The last lines of each container, by service and number.
    public var logs: [ContainerLog]
    /// Why removing the stack after the error failed too, if it did: something may be left on the engine (the next
    /// stack start's sweep removes it once this process has ended).
    public var removalFailure: (any Error)?

    public init(error: any Error, stack: String, logs: [ContainerLog]) {
        self.error = error
        self.stack = stack
        self.logs = logs
    }

    public var description: String {
        let sections = logs.map(\.section).joined()
        return "\(Self.words(error))\n\nstack \(stack): "
            + (sections.isEmpty ? "no container printed anything" : "the last lines of its containers" + sections)
            + (removalFailure.map { "\n\nremoving the stack failed too: \($0)" } ?? "")
    }
}

extension StackFailure {
    /// The error in words: a failed `#require` (whose own issue the test's report shows) by where it is.
    static func words(_ error: any Error) -> String {
        #if canImport(Testing)
            if let failed = error as? ExpectationFailedError {
                let location = failed.expectation.sourceLocation
                return "#require failed at \(location.fileName):\(location.line):\(location.column)"
            }
        #endif
        return "\(error)"
    }
}

/// A wait that failed: it timed out, or what it waits for can no longer happen (the container stopped, turned
/// unhealthy, exited with another code). Names the service and shows its last lines.
public struct WaitFailure: Error, CustomStringConvertible {
    public var service: String
    /// What was awaited: `service "worker" to print a line containing "ready"`.
    public var condition: String
    /// Why the wait ended: `timed out after 30 seconds`, `container app-worker-1 exited with code 1`.
    public var reason: String
    /// Whether the wait ran out of time (rather than failing for good before).
    public var timedOut: Bool
    /// The last lines of the service's containers.
    public var logs: [ContainerLog]

    public init(service: String, condition: String, reason: String, timedOut: Bool, logs: [ContainerLog]) {
        self.service = service
        self.condition = condition
        self.reason = reason
        self.timedOut = timedOut
        self.logs = logs
    }

    public var description: String {
        "waiting for \(condition): \(reason)" + logs.map(\.section).joined()
    }
}
