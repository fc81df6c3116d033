import ArgumentParser
import Orchestration

struct Restart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restart", abstract: "Restart service containers.")
    var global: GlobalOptions { GlobalOptions.current }
    @Flag(name: .customLong("no-deps"), help: "Don't restart dependent services.") var noDeps = false
    @Option(name: [.customShort("t", allowingJoined: true), .long], help: "Specify a shutdown timeout in seconds.")
    var timeout: Int?
    @Argument(help: "Services to restart.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, services: services, narrowing: false)
        try await session.run { try await $0.restart(services, timeout: timeout, noDeps: noDeps) }
    }
}
