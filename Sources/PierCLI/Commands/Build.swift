import ArgumentParser
import Orchestration

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build or rebuild services.")

    var global: GlobalOptions { GlobalOptions.current }

    @Flag(name: .customLong("no-cache"), help: "Do not use cache when building the image.") var noCache = false
    @Flag(help: "Always attempt to pull a newer version of the image.") var pull = false
    @Option(name: .customLong("build-arg"), help: "Set build-time variables for services (KEY=VALUE).")
    var buildArguments: [String] = []
    @Flag(name: [.short, .long], help: "Don't print anything to STDOUT.") var quiet = false
    @Argument(help: "Services to build.") var services: [String] = []

    func run() async throws {
        var request = BuildRequest()
        request.noCache = noCache
        request.pull = pull
        for argument in buildArguments {
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            request.arguments[parts[0]] = parts.count > 1 ? parts[1] : nil
        }
        var global = self.global
        if quiet { global.progress = "quiet" }
        let session = await EngineSession.open(global, services: services)
        await session.run { try await $0.build(services, request: request) }
    }
}
