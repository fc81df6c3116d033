import ArgumentParser
import Orchestration

struct Down: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "down", abstract: "Stop and remove containers, networks.")

    var global: GlobalOptions { GlobalOptions.current }

    @Flag(
        name: [.short, .customLong("volumes")],
        help: "Remove named volumes declared in the volumes section and anonymous volumes.")
    var volumes = false
    @Flag(name: .customLong("remove-orphans"), help: "Remove containers for services not defined in the Compose file.")
    var removeOrphans = false
    @Option(name: .customLong("rmi"), help: "Remove images used by services: \"local\" or \"all\".")
    var rmi: String?
    @Option(name: [.customShort("t", allowingJoined: true), .long], help: "Specify a shutdown timeout in seconds.")
    var timeout: Int?
    @Argument(help: "Services to remove, with those that depend on them (all when none).") var services: [String] = []

    func run() async throws {
        let variables = ComposeVariables.current
        var options = DownOptions()
        options.services = services
        options.removeVolumes = volumes
        options.removeOrphans = removeOrphans || variables.removeOrphans
        options.ignoreOrphans = variables.ignoreOrphans
        options.timeout = timeout
        if let rmi {
            guard let removal = DownOptions.ImageRemoval(rawValue: rmi) else {
                throw ValidationError("invalid --rmi \(rmi): expected \"local\" or \"all\"")
            }
            options.removeImages = removal
        }
        let session = try await EngineSession.open(global, services: services, narrowing: false)
        try await session.run { try await $0.down(options) }
    }
}
