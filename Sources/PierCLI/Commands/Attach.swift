import ArgumentParser
import DockerEngine
import Foundation
import Orchestration

struct Attach: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Attach local standard input, output, and error streams to a service's running container.")

    var global: GlobalOptions { GlobalOptions.current }

    @Option(name: .customLong("detach-keys"), help: "Override the key sequence for detaching from a container.")
    var detachKeys: String?
    @Option(help: "Index of the container if service has multiple replicas.") var index: Int = 0
    @Flag(name: .customLong("no-stdin"), help: "Do not attach STDIN.") var noStdin = false
    @Flag(
        name: .customLong("sig-proxy"), inversion: .prefixedNo, exclusivity: .chooseLast,
        help: "Proxy all received signals to the process.")
    var sigProxy = true
    @Argument(help: "The service.") var service: String

    func run() async throws {
        let project = try ProjectTarget.load(global).name
        let engine = try ReadCommand.engine()
        let container = try await ProjectContainerQuery(client: engine, project: project)
            .container(service: service, index: index)
        let config = try await engine.inspectContainer(container.id).config
        // With a TTY, Ctrl+C is a key the container's terminal turns into its signal.
        let state = ContainerSessionState(mode: .attach, forwardsSignals: sigProxy && !config.isTTY)
        var session = ContainerSession(
            client: engine, containerID: container.id, state: state, isTTY: config.isTTY,
            forwardsInput: !noStdin && config.isStdinOpen)
        session.detachKeys = detachKeys
        throw ExitCode(try await session.runInTerminal(closesInputAtEndOfFile: config.isStdinOnce))
    }
}
