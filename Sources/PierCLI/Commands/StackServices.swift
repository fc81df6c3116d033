import ArgumentParser
import ScaleOut

struct StackServices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "services", abstract: "List the services in the stack")

    @Flag(name: [.short, .long], help: "Only display IDs") var quiet = false
    @Option(help: "Format output using a custom template: 'table' or 'json'") var format = "table"
    @Argument(help: "Stack name.") var stack: String

    func run() async throws {
        let client = try ReadCommand.engine()
        let services = try await StackQueries.services(client, stack: stack)
        if services.isEmpty { return Output.writeError("Nothing found in stack: \(stack)\n") }
        if quiet { return Output.writeLines(services.map(\.id)) }
        Output.write(
            try StackPresentation.render(
                format, services, header: ["ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS"]
            ) {
                [
                    ("ID", $0.id), ("Name", $0.name), ("Mode", $0.mode), ("Replicas", $0.replicas), ("Image", $0.image),
                    ("Ports", $0.ports),
                ]
            })
    }
}
