import ArgumentParser
import DockerEngine
import Foundation
import Orchestration

struct Images: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "images", abstract: "List images used by the created containers")
    var global: GlobalOptions { GlobalOptions.current }

    @Option(help: "Format the output. Values: [table | json]") var format = "table"
    @Flag(name: [.short, .long], help: "Only display IDs") var quiet = false
    @Argument(help: "Services whose images to list.") var serviceNames: [String] = []

    func run() async throws {
        let project = try ProjectTarget.name(global)
        let client = try ReadCommand.engine()
        let images = try await ContainerImageQuery.images(client: client, project: project, services: serviceNames)
        if quiet {
            var ids: [String] = []
            // The full ID without its algorithm, once per image.
            for image in images {
                let id = image.id.firstIndex(of: ":").map { String(image.id[image.id.index(after: $0)...]) } ?? image.id
                if !ids.contains(id) { ids.append(id) }
            }
            return Output.writeLines(ids)
        }
        if format == "json" {
            // Compose prints its JSON and a newline after the encoder's own; no image at all is `null`.
            let list = images.isEmpty ? GoJSON.null : .array(images.map(Self.json))
            return Output.write(list.encoded(escapeHTML: false) + "\n\n")
        }
        let now = Date()
        Output.write(
            try SectionFormat.render(format, images, json: Self.json) {
                [["CONTAINER", "REPOSITORY", "TAG", "PLATFORM", "IMAGE ID", "SIZE", "CREATED"]]
                    + images.map { image in
                        [
                            image.containerName, image.repository.isEmpty ? "<none>" : image.repository,
                            image.tag.isEmpty ? "<none>" : image.tag, image.platform, GoText.shortID(image.id),
                            GoText.humanSize(image.size), Self.created(image.lastTagTime, now: now),
                        ]
                    }
            })
    }

    /// Compose 2.40 shows how long ago the image was last tagged (`LastTagTime`) in its `CREATED` column.
    static func created(_ lastTagTime: String, now: Date) -> String {
        let seconds = EngineTime.date(lastTagTime)?.timeIntervalSince1970 ?? -62_135_596_800
        return GoText.ago(since: seconds, now: now)
    }

    /// The members of Compose's `ImageSummary`, in its field order.
    static func json(_ image: ContainerImage) -> GoJSON {
        .object([
            ("ID", .string(image.id)), ("ContainerName", .string(image.containerName)),
            ("Repository", .string(image.repository)), ("Tag", .string(image.tag)),
            ("Platform", .string(image.platform)), ("Size", .integer(image.size)),
            ("LastTagTime", .string(image.lastTagTime)),
        ])
    }
}
