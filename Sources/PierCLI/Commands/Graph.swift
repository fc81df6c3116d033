import ArgumentParser
import ComposeAnalysis
import ComposeSpec
import Foundation
import Orchestration

struct Graph: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw the project: services, networks, volumes, ports, secrets, configs and what ties them.",
        discussion: """
            Every service is drawn, whatever its profiles, unless --profile names some. The output is the same \
            bytes for the same project.
            """)
    var global: GlobalOptions { GlobalOptions.current }

    @Option(help: "Format the output. Values: [dot | mermaid | json | tree]") var format = "dot"
    @Flag(help: "Add each service's container state and health from the engine.") var live = false
    @Option(name: [.short, .long], help: "Save to file (default to stdout).") var output: String?
    @Argument(help: "Services to draw, with what they depend on.") var serviceNames: [String] = []

    func run() async throws {
        guard let graphFormat = GraphFormat(rawValue: format) else {
            throw ValidationError("unsupported format \"\(format)\": expected dot, mermaid, json or tree")
        }
        var options = global.projectOptions(services: serviceNames)
        if options.profiles.isEmpty { options.profiles = ["*"] }
        let project = try ProjectTarget.loadProject(options)
        var graph = ProjectGraph(project: project)
        if live {
            let client = try ReadCommand.engine()
            let states = try await LiveServiceState.attributes(client: client, project: project.name)
            graph.annotateServices(states)
        }
        let text = graphFormat.render(graph)
        guard let output else { return Output.write(text) }
        let path = output.hasPrefix("/") ? output : FileManager.default.currentDirectoryPath + "/" + output
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw ValidationError("cannot write \(path)")
        }
    }
}
