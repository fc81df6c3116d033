import ArgumentParser

/// `pier convert`: the project for other targets than one engine, with what did not carry over.
struct Convert: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Convert the project for Kubernetes or for docker stack deploy.",
        subcommands: [ConvertKubernetes.self, ConvertSwarm.self])
}
