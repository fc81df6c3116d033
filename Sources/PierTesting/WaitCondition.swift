import Synchronization

/// What ``ComposeStack/wait(for:timeout:)`` waits for, about one service (every container of it, or for a log line
/// any of them).
///
/// ```swift
/// try await stack.wait(for: .healthy(service: "db"))
/// try await stack.wait(for: .log(/listening on port \d+/, service: "api"), timeout: .seconds(10))
/// try await stack.wait(for: .http(port: 8000, path: "/health", service: "api"))
/// ```
public struct WaitCondition: Sendable, CustomStringConvertible {
    enum Check: Sendable {
        case state(StateGoal)
        case log(@Sendable (String) -> Bool)
        case port(Int)
        case http(port: Int, path: String, status: Int, tls: Bool)
    }

    /// A state every container of the service reaches.
    enum StateGoal: Sendable, Hashable {
        case running
        case healthy
        /// Running, and healthy when it has a healthcheck: what `up --wait` waits for.
        case ready
        /// Exited, with this code unless nil.
        case exited(Int?)
    }

    /// The service the condition is about.
    public let service: String
    let check: Check
    /// What is awaited, in words: `service "worker" to print a line containing "ready"`.
    public let description: String

    /// Every container of the service is running (a stopped one fails the wait, unless its restart policy brings
    /// it back).
    public static func started(service: String) -> WaitCondition {
        WaitCondition(service: service, check: .state(.running), description: "service \"\(service)\" to run")
    }

    /// Every container of the service is healthy. One without a healthcheck, one that stops and one that turns
    /// unhealthy fail the wait (with the healthcheck's last output).
    public static func healthy(service: String) -> WaitCondition {
        WaitCondition(service: service, check: .state(.healthy), description: "service \"\(service)\" to be healthy")
    }

    /// Every container of the service has exited, with `code` (any code when nil); another code fails the wait.
    public static func exited(service: String, code: Int? = 0) -> WaitCondition {
        let what = code.map { "with code \($0)" } ?? ""
        return WaitCondition(
            service: service, check: .state(.exited(code)),
            description: "service \"\(service)\" to exit" + (what.isEmpty ? "" : " " + what))
    }

    /// Running, and healthy where there is a healthcheck.
    static func ready(service: String) -> WaitCondition {
        WaitCondition(
            service: service, check: .state(.ready), description: "service \"\(service)\" to run and be healthy")
    }

    /// A container of the service printed a line containing `text` (its output from the start counts). Every
    /// container stopping without it fails the wait.
    public static func log(_ text: String, service: String) -> WaitCondition {
        WaitCondition(
            service: service, check: .log({ $0.contains(text) }),
            description: "service \"\(service)\" to print a line containing \"\(text)\"")
    }

    /// A container of the service printed a line in which `regex` matches (its output from the start counts).
    public static func log<Output>(_ regex: sending Regex<Output>, service: String) -> WaitCondition {
        let pattern = LockedRegex(Regex<AnyRegexOutput>(regex))
        return WaitCondition(
            service: service, check: .log({ pattern.matches($0) }),
            description: "service \"\(service)\" to print a line matching a regular expression")
    }

    /// The service's published `port` (of container 1) accepts TCP connections and keeps them: the engine's proxy
    /// accepts connections before the service listens, and closes them at once while it does not.
    public static func port(_ port: Int, service: String) -> WaitCondition {
        WaitCondition(
            service: service, check: .port(port),
            description: "port \(port) of service \"\(service)\" to accept connections")
    }

    /// `GET path` on the service's published `port` (of container 1) answers `status`; over TLS with `tls`, the
    /// server's certificate unchecked (a test stack's is self-signed).
    public static func http(
        port: Int, path: String = "/", service: String, status: Int = 200, tls: Bool = false
    ) -> WaitCondition {
        WaitCondition(
            service: service, check: .http(port: port, path: path, status: status, tls: tls),
            description:
                "GET \(tls ? "https" : "http")://…:\(port)\(path) on service \"\(service)\" to answer \(status)")
    }
}

/// A regular expression the tasks that read logs share: `Regex` is not `Sendable`, so it is used under a lock.
private final class LockedRegex: Sendable {
    private let regex: Mutex<Regex<AnyRegexOutput>>

    init(_ regex: sending Regex<AnyRegexOutput>) {
        self.regex = Mutex(regex)
    }

    func matches(_ line: String) -> Bool {
        regex.withLock { (try? $0.firstMatch(in: line)) != nil }
    }
}
