import ArgumentParser
import ScaleOut

struct StackRm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm", abstract: "Remove one or more stacks", aliases: ["remove", "down"])

    @Argument(help: "Stack names.") var stacks: [String]

    func validate() throws {
        if stacks.isEmpty { throw ValidationError("\"pier stack rm\" requires at least 1 argument.") }
    }

    func run() async throws {
        let client = try ReadCommand.engine()
        for stack in stacks {
            let found = try await StackRemoval.remove(client, stack: stack) {
                StackPresentation.show($0, stack: stack, quiet: false)
            }
            // As the Docker CLI: a stack that is not there is said, and is no failure.
            if !found { Output.writeError("Nothing found in stack: \(stack)\n") }
        }
    }
}
