import DockerEngine
import Foundation
import Orchestration

/// Reaching and driving the stack's services.
extension ComposeStack {
    /// Where the host reaches `port` of the service's container number `index` (1 unless the service is scaled):
    /// the published host and port, as `port SERVICE PORT --index N` prints them. An address the engine publishes
    /// on every interface is given as the engine's host: `127.0.0.1` for a local engine, the `DOCKER_HOST` host for
    /// one over TCP.
    public func endpoint(service: String, port: Int, index: Int = 1, protocol: String = "tcp") async throws -> (
        host: String, port: Int
    ) {
        let container = try await container(of: service, index: index)
        let bindings = container.portBindings.filter { $0.privatePort == port && $0.type == `protocol` }
        // The engine lists a port published on every interface twice, for IPv4 and IPv6: the first is taken.
        guard let binding = bindings.first(where: { $0.publicPort != 0 }) else {
            let published = container.portBindings.filter { $0.publicPort != 0 }
                .map { "\($0.privatePort)/\($0.type)" }
            throw StackSetupError(
                "port \(port)/\(`protocol`) of service \"\(service)\" is not published (it publishes "
                    + (published.isEmpty ? "none" : Array(Set(published)).sorted().joined(separator: ", "))
                    + "): add it to the service's ports (\"\(port)\" lets the engine choose a free host port)")
        }
        return (host(for: binding.ip), binding.publicPort)
    }

    /// The host that reaches an address the engine bound.
    func host(for boundAddress: String) -> String {
        guard ["", "0.0.0.0", "::"].contains(boundAddress) else { return boundAddress }
        if case .tcp(let host, _) = client.endpoint.address { return host }
        return "127.0.0.1"
    }

    /// Runs `command` in the service's container number `index` without a terminal, as `exec -T` does; `input`
    /// goes to its standard input. A command that fails is no error: look at the result's ``ExecResult/exitCode``.
    public func exec(
        service: String, _ command: [String], index: Int = 1, user: String? = nil, workingDirectory: String? = nil,
        environment: [String: String] = [:], input: String? = nil
    ) async throws -> ExecResult {
        let container = try await container(of: service, index: index)
        let configuration = ExecConfiguration(
            command: command, environment: environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" },
            workingDirectory: workingDirectory, user: user)
        let output = try await CapturedExec(client: client).run(
            in: container.id, configuration, input: input.map { Array($0.utf8) })
        return output
    }

    /// What the service's containers printed so far (stdout and stderr together, as `logs` shows them), container
    /// by container in the order of their numbers; only container `index` when given.
    public func logs(service: String, index: Int? = nil) async throws -> [String] {
        var lines: [String] = []
        for container in try await containers(of: service) where index == nil || container.containerNumber == index {
            lines += try await ContainerOutput.lines(of: container.id, client: client).map(Self.withoutReturn)
        }
        return lines
    }

    /// Stops the service's containers, giving them `timeout` seconds (their `stop_grace_period`, else 10, when nil).
    public func stop(service: String, timeout: Int? = nil) async throws {
        try await runtime.stop([service], timeout: timeout)
    }

    /// Starts the service's stopped containers, then waits for them as the stack's ``Configuration/wait`` says
    /// (running, and healthy when they have a healthcheck, by default).
    public func start(service: String) async throws {
        try await runtime.start([service])
        switch configuration.wait {
        case .none: return
        case .started: try await wait(for: .started(service: service), timeout: configuration.waitTimeout)
        case .healthy: try await wait(for: .ready(service: service), timeout: configuration.waitTimeout)
        }
    }

    /// The service's containers, running or not, by number; fails for a service the stack does not run.
    func containers(of service: String) async throws -> [ContainerSummary] {
        guard services.contains(service) else {
            throw StackSetupError(
                "no service \"\(service)\" in stack \(name): its services are \(services.joined(separator: ", "))")
        }
        return ProjectContainerQuery.sortedByNumber(
            try await ProjectContainerQuery(client: client, project: name).containers(all: true, services: [service]))
    }

    /// The service's container number `index`, running or not.
    func container(of service: String, index: Int) async throws -> ContainerSummary {
        let containers = try await containers(of: service)
        guard let container = containers.first(where: { $0.containerNumber == index }) else {
            throw StackSetupError(
                "service \"\(service)\" has no container #\(index) (it has \(containers.count))")
        }
        return container
    }

    /// A line without the `\r` a TTY ends it with.
    static func withoutReturn(_ line: String) -> String {
        line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
}

/// What a command run with ``ComposeStack/exec(service:_:index:user:workingDirectory:environment:input:)`` printed,
/// and how it ended: its exit code, standard output and standard error.
public typealias ExecResult = CapturedExec.Output
