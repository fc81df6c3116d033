import ArgumentParser
import DockerEngine
import Orchestration

struct Volumes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "volumes", abstract: "List volumes")
    var global: GlobalOptions { GlobalOptions.current }

    @Option(help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json', 'TEMPLATE'.")
    var format = "table"
    @Flag(name: [.short, .long], help: "Only display volume names") var quiet = false
    @Argument(help: "Services whose volumes to list.") var serviceNames: [String] = []

    func run() async throws {
        // As the reference: a service the files lack has no volumes, not an error.
        let target = try ProjectTarget.load(global)
        let client = try ReadCommand.engine()
        var volumes = try await client.listVolumes(filters: ["label": ["\(ComposeLabels.project)=\(target.name)"]])
            .volumes
        if !serviceNames.isEmpty, let project = target.project {
            // The volumes the named services mount, by their key in the files.
            let keys = Set(
                serviceNames.flatMap { name in
                    (project.document["services"]?[name]?["volumes"]?.sequence ?? []).compactMap { volume in
                        volume["type"]?.scalarText == "volume" ? volume["source"]?.scalarText : nil
                    }
                })
            volumes = volumes.filter { keys.contains($0.labels[ComposeLabels.volume] ?? "") }
        }
        // By name: the engine lists them in no stable order, and neither does the reference.
        volumes.sort { $0.name < $1.name }
        if quiet { return Output.writeLines(volumes.map(\.name)) }
        do {
            let listing = TemplateListFormat(format, defaultTable: VolumePresentation.defaultTable)
            Output.write(
                try listing.render(volumes.map(VolumePresentation.init), titles: VolumePresentation.titles))
        } catch {
            throw CommandFailure("template parsing error: " + error.message)
        }
    }
}
