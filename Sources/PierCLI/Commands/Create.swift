import ArgumentParser
import Orchestration

struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Creates containers for a service.")

    var global: GlobalOptions { GlobalOptions.current }

    @OptionGroup var recreation: RecreationFlags
    @Flag(name: .customLong("remove-orphans"), help: "Remove containers for services not defined in the Compose file.")
    var removeOrphans = false
    @Option(name: .customLong("scale"), help: "Scale SERVICE to NUM instances (SERVICE=NUM).") var scale: [String] = []
    @Flag(name: .customLong("quiet-pull"), help: "Pull without printing progress information.") var quietPull = false
    @Flag(name: [.customShort("y"), .long], help: "Assume \"yes\" as answer to all prompts and run non-interactively.")
    var yes = false
    @OptionGroup var images: ImageFlags
    @Argument(help: "Services to create.") var services: [String] = []

    func run() async throws {
        try images.validate()
        var options = UpOptions()
        options.services = services
        recreation.apply(to: &options)
        let variables = ComposeVariables.current
        options.removeOrphans = removeOrphans || variables.removeOrphans
        options.ignoreOrphans = variables.ignoreOrphans
        options.confirmVolumeRecreation = { [yes] question in Prompt.confirm(question, assumeYes: yes) }
        options.scale = try Up.scale(scale)
        options.start = false
        options.quietPull = quietPull
        try images.apply(to: &options)
        if global.dryRun { return try await DryRun.up(options, global: global) }
        let session = try await EngineSession.open(global, services: services)
        try await session.run { try await $0.up(options) }
    }
}
