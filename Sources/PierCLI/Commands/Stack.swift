import ArgumentParser

/// `pier stack`: the project as a Swarm stack, with `docker stack`'s commands and options.
struct Stack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stack", abstract: "Manage Swarm stacks (as docker stack, with the whole Compose Specification).",
        subcommands: [StackDeploy.self, StackLs.self, StackPs.self, StackServices.self, StackRm.self])
}
