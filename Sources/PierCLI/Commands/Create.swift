import ArgumentParser
import Orchestration

struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Creates containers for a service.")

    var global: GlobalOptions { GlobalOptions.current }

    @Flag(name: .customLong("force-recreate"), help: "Recreate containers even if their configuration hasn't changed.")
    var forceRecreate = false
    @Flag(name: .customLong("no-recreate"), help: "If containers already exist, don't recreate them.")
    var noRecreate = false
    @Flag(name: .customLong("remove-orphans"), help: "Remove containers for services not defined in the Compose file.")
    var removeOrphans = false
    @Option(name: .customLong("scale"), help: "Scale SERVICE to NUM instances (SERVICE=NUM).") var scale: [String] = []
    @Argument(help: "Services to create.") var services: [String] = []

    func run() async throws {
        let up = try Up.parse(
            services + (forceRecreate ? ["--force-recreate"] : []) + (noRecreate ? ["--no-recreate"] : [])
                + (removeOrphans ? ["--remove-orphans"] : []) + scale.flatMap { ["--scale", $0] })
        var options = try up.upOptions()
        options.start = false
        let session = await EngineSession.open(global, services: services)
        await session.run { try await $0.up(options) }
    }
}
