import ArgumentParser
import Orchestration

struct Unpause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unpause", abstract: "Unpause services.")
    var global: GlobalOptions { GlobalOptions.current }
    @Argument(help: "Services to unpause.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, services: services, narrowing: false)
        try await session.run { try await $0.unpause(services) }
    }
}
