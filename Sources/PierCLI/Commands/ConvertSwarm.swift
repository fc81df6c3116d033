import ArgumentParser
import ComposeSpec
import Foundation
import ScaleOut

struct ConvertSwarm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swarm",
        abstract: "Write a stack file for docker stack deploy, translated from the project.",
        discussion: "What does not carry over is listed on standard error with its file:line:column.")

    var global: GlobalOptions { GlobalOptions.current }

    @Option(name: [.short, .long], help: "Write the stack file to FILE, or - for standard output.") var output = "-"
    @Argument(help: "Services to convert (default: those the active profiles select).") var services: [String] = []

    func run() async throws {
        let project = try ProjectTarget.loadProject(global.projectOptions(services: services))
        let file = SwarmStackFile(SwarmTranslation(project), project: project)
        LossPresentation.warn(file.losses)
        guard output != "-" else { return Output.write(file.yaml) }
        let url = URL(
            fileURLWithPath: output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        do {
            try Data(file.yaml.utf8).write(to: url)
        } catch {
            throw CommandFailure("cannot write \(url.path): \(error.localizedDescription)", underlying: error)
        }
    }
}
