import ArgumentParser
import Orchestration

struct Pause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause services.")
    var global: GlobalOptions { GlobalOptions.current }
    @Argument(help: "Services to pause.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, services: services, narrowing: false)
        try await session.run { try await $0.pause(services) }
    }
}
