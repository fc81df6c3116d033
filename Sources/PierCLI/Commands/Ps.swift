import ArgumentParser
import DockerEngine
import Foundation
import Orchestration

struct Ps: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ps", abstract: "List containers")
    var global: GlobalOptions { GlobalOptions.current }

    @Option(help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json', 'TEMPLATE'.")
    var format: String = ""
    @Option(help: "Filter services by a property (supported filters: status).") var filter: String?
    @Option(
        help: "Filter services by status. Values: [paused | restarting | removing | running | dead | created | exited]"
    )
    var status: [String] = []
    @Flag(name: [.short, .long], help: "Only display IDs") var quiet = false
    @Flag(help: "Display services") var services = false
    @Flag(
        inversion: .prefixedNo, exclusivity: .chooseLast, help: "Include orphaned services (not declared by project)")
    var orphans = true
    @Flag(name: [.short, .long], help: "Show all stopped containers (including those created by the run command)")
    var all = false
    @Flag(name: .customLong("no-trunc"), help: "Don't truncate output") var noTrunc = false
    @Argument(help: "Services to list.") var serviceNames: [String] = []

    func run() async throws {
        var states = status
        if let filter, !filter.isEmpty { states += try Self.statuses(fromFilter: filter) }
        let target = try ProjectTarget.load(global, services: serviceNames)
        var selected = serviceNames
        if target.project != nil {
            try target.requireServices(serviceNames)
            // Until orphans are asked for, only the project's services are listed.
            if selected.isEmpty && !orphans { selected = target.serviceNames }
        }
        let query = ProjectContainerQuery(client: try ReadCommand.engine(), project: target.name)
        let includeStopped = all || !states.isEmpty
        var containers = try await query.containers(
            oneOff: all ? .include : .exclude, all: includeStopped, services: selected)
        if !states.isEmpty { containers = ProjectContainerQuery.filter(containers, states: states) }
        containers.sort { $0.canonicalName < $1.canonicalName }

        if quiet { return Output.writeLines(containers.map(\.id)) }
        if services {
            var names: [String] = []
            for name in containers.map(\.serviceName) where !names.contains(name) { names.append(name) }
            return Output.write(names.joined(separator: "\n") + "\n")
        }
        let presentations = Self.present(containers, truncate: !noTrunc)
        do {
            let listing = TemplateListFormat(
                format, defaultTable: TemplateListFormat.containerTable, raw: TemplateListFormat.containerRaw)
            Output.write(try listing.render(presentations, titles: ContainerPresentation.titles))
        } catch {
            throw CommandFailure("template parsing error: " + error.message)
        }
    }

    /// `--filter KEY=VALUE`: only `status` is supported, as in Compose.
    static func statuses(fromFilter filter: String) throws -> [String] {
        guard let equals = filter.firstIndex(of: "=") else {
            throw CommandFailure("arguments to --filter should be in form KEY=VAL")
        }
        let key = String(filter[..<equals])
        switch key {
        case "status": return [String(filter[filter.index(after: equals)...])]
        case "source": throw CommandFailure("not implemented")
        default: throw CommandFailure("unknown filter \(key)")
        }
    }

    static func present(_ containers: [ContainerSummary], truncate: Bool) -> [ContainerPresentation] {
        let now = Date()
        return containers.map { ContainerPresentation($0, truncate: truncate, now: now) }
    }
}
