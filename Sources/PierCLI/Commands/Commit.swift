import ArgumentParser
import DockerEngine
import Orchestration

struct Commit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit", abstract: "Create a new image from a service container's changes",
        discussion: "pier commit [OPTIONS] SERVICE [REPOSITORY[:TAG]]")
    var global: GlobalOptions { GlobalOptions.current }

    @Option(
        name: [.customShort("a", allowingJoined: true), .long],
        help: "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")")
    var author: String?
    @Option(
        name: [.customShort("c", allowingJoined: true), .long],
        help: "Apply Dockerfile instruction to the created image")
    var change: [String] = []
    @Option(help: "index of the container if service has multiple replicas.") var index = 0
    @Option(name: [.customShort("m", allowingJoined: true), .long], help: "Commit message") var message: String?
    @Flag(
        name: [.short, .long], inversion: .prefixedNo, exclusivity: .chooseLast,
        help: "Pause container during commit")
    var pause = true
    @Argument(help: "The service.") var service: String
    @Argument(help: "REPOSITORY[:TAG] of the new image.") var reference: String?

    func run() async throws {
        let project = try ProjectTarget.load(global).name
        let engine = try ReadCommand.engine()
        var options = EngineClient.CommitOptions()
        options.reference = reference
        options.author = author
        options.comment = message
        options.pause = pause
        options.changes = change
        let quiet = global.progress == "quiet"
        let container = try await ProjectContainerQuery(client: engine, project: project)
            .container(service: service, index: index)
        let name = container.canonicalName
        let mark = DryRun.mark(global)
        if !quiet { Output.writeError(" \(mark)\(name) Commit \(name) Committing\n") }
        let image = try await engine.commitContainer(container.id, options: options)
        // A dry run's image ID would be made up.
        if !quiet {
            Output.writeError(" \(mark)\(name) Commit \(name) Committed\(global.dryRun ? "" : " as \(image)")\n")
        }
    }
}
