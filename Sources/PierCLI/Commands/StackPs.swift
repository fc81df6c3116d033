import ArgumentParser
import ScaleOut

struct StackPs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ps", abstract: "List the tasks in the stack")

    @Flag(name: [.short, .long], help: "Only display task IDs") var quiet = false
    @Option(help: "Format output using a custom template: 'table' or 'json'") var format = "table"
    @Argument(help: "Stack name.") var stack: String

    func run() async throws {
        let client = try ReadCommand.engine()
        let tasks = try await StackQueries.tasks(client, stack: stack)
        if tasks.isEmpty { throw CommandFailure("nothing found in stack: \(stack)") }
        if quiet { return Output.writeLines(tasks.map(\.id)) }
        let header = ["ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR", "PORTS"]
        Output.write(
            try StackPresentation.render(format, tasks, header: header) {
                [
                    ("ID", $0.id), ("Name", $0.name), ("Image", $0.image), ("Node", $0.node),
                    ("DesiredState", $0.desiredState), ("CurrentState", $0.currentState), ("Error", $0.error),
                    ("Ports", $0.ports),
                ]
            })
    }
}
