import ArgumentParser
import Orchestration

struct Kill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kill", abstract: "Force stop service containers.")
    var global: GlobalOptions { GlobalOptions.current }
    @Option(name: [.customShort("s", allowingJoined: true), .long], help: "SIGNAL to send to the container.")
    var signal: String = "SIGKILL"
    @Flag(name: .customLong("remove-orphans"), help: "Remove containers for services not defined in the Compose file.")
    var removeOrphans = false
    @Argument(help: "Services to kill.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, services: services, narrowing: false)
        let killed = try await session.run {
            try await $0.kill(services, signal: signal, removeOrphans: removeOrphans)
        }
        // As Compose, in every progress mode.
        if killed == 0 { Output.writeError("no container to kill\n") }
    }
}
