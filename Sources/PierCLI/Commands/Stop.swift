import ArgumentParser
import Orchestration

struct Stop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop services.")
    var global: GlobalOptions { GlobalOptions.current }
    @Option(name: [.customShort("t", allowingJoined: true), .long], help: "Specify a shutdown timeout in seconds.")
    var timeout: Int?
    @Argument(help: "Services to stop.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, services: services, narrowing: false)
        try await session.run { try await $0.stop(services, timeout: timeout) }
    }
}
