import ArgumentParser
import Orchestration

struct Start: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start services.")
    var global: GlobalOptions { GlobalOptions.current }
    @Argument(help: "Services to start.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, services: services, narrowing: false)
        try await session.run { try await $0.start(services) }
    }
}
