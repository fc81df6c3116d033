import ArgumentParser
import DockerEngine
import Orchestration

struct Logs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "logs", abstract: "View output from containers")
    var global: GlobalOptions { GlobalOptions.current }

    @Flag(name: [.short, .long], help: "Follow log output") var follow = false
    @Option(
        name: [.customShort("n", allowingJoined: true), .long],
        help: "Number of lines to show from the end of the logs for each container")
    var tail = "all"
    @Option(help: "Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)")
    var since: String?
    @Option(help: "Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42 minutes)")
    var until: String?
    @Flag(name: [.short, .long], help: "Show timestamps") var timestamps = false
    @Flag(name: .customLong("no-color"), help: "Produce monochrome output") var noColor = false
    @Flag(name: .customLong("no-log-prefix"), help: "Don't print prefix in logs") var noLogPrefix = false
    @Option(help: "index of the container if service has multiple replicas") var index = 0
    @Argument(help: "Services to show.") var serviceNames: [String] = []

    func run() async throws {
        let target = try ProjectTarget.load(global, services: serviceNames)
        var services = serviceNames
        if target.project != nil {
            try target.requireServices(serviceNames)
            // Services with `attach: false` are left out until named.
            if services.isEmpty { services = attachedServices(target) }
        }
        if index > 0 && services.count != 1 { throw CommandFailure("--index requires one service to be selected") }
        let options = try engineOptions()
        let client = try ReadCommand.engine()
        let query = ProjectContainerQuery(client: client, project: target.name)
        let containers =
            index > 0
            ? [try await query.container(service: services[0], index: index, all: true)]
            : try await query.containers(oneOff: .exclude, all: true, services: services)
        let consumer = LogConsumer(
            colored: LogConsumer.wantsColor(noColor: noColor, ansi: global.ansi), showsPrefix: !noLogPrefix)
        // Following names every container up front, so prefixes are as wide as the widest from the start.
        if follow { for container in containers { consumer.register(container.nameWithoutProject) } }
        let streaming = ContainerLogStreaming(client: client, sink: consumer, options: options)
        try await ReadCommand.explaining(client) {
            // The event stream is open before the logs are read, so no start in between is missed.
            let events = follow ? try await ProjectEvents.stream(client: client, project: target.name) : nil
            try await streaming.run(containers, events: events, services: services)
            // The containers followed ended: because the engine stopped them as it went away, if it did.
            if follow, let gone = await client.wentAway() { throw gone }
        }
    }

    /// The project's services but those declared with `attach: false`.
    private func attachedServices(_ target: ProjectTarget) -> [String] {
        let unattached = target.project.map { AttachedUpState.unattached(in: $0.document) } ?? []
        return target.serviceNames.filter { !unattached.contains($0) }
    }

    /// The engine's options, with `--since` and `--until` read as the docker client reads them.
    private func engineOptions() throws -> LogsOptions {
        func timestamp(_ value: String?, _ flag: String) throws -> String? {
            guard let value, !value.isEmpty else { return nil }
            do {
                return try TimestampArgument.engineValue(value)
            } catch {
                throw CommandFailure("invalid value for \"\(flag)\": \(error.message)")
            }
        }
        return LogsOptions(
            follow: follow, tail: tail == "all" ? nil : Int(tail), since: try timestamp(since, "since"),
            until: try timestamp(until, "until"), timestamps: timestamps)
    }
}
