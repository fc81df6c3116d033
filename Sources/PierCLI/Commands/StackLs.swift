import ArgumentParser
import ScaleOut

struct StackLs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List stacks", aliases: ["list"])

    @Option(help: "Format output using a custom template: 'table' or 'json'") var format = "table"

    func run() async throws {
        let client = try ReadCommand.engine()
        let stacks = try await StackQueries.stacks(client)
        Output.write(
            try StackPresentation.render(format, stacks, header: ["NAME", "SERVICES"]) {
                [("Name", $0.name), ("Services", String($0.services))]
            })
    }
}
