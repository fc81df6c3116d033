import ArgumentParser
import Orchestration

struct Rm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Removes stopped service containers.")
    var global: GlobalOptions { GlobalOptions.current }
    @Flag(name: [.short, .long], help: "Don't ask to confirm removal.") var force = false
    @Flag(name: [.short, .long], help: "Stop the containers, if required, before removing.") var stop = false
    @Flag(name: [.short, .long], help: "Remove any anonymous volumes attached to containers.") var volumes = false
    @Flag(name: [.short, .long], help: .hidden) var all = false
    @Argument(help: "Services to remove.") var services: [String] = []

    func run() async throws {
        // Compose takes it without a word; it changes nothing, which Pier says.
        if all {
            Output.warn("--all is deprecated and has no effect: rm removes every stopped container of the services")
        }
        let session = try await EngineSession.open(global, services: services, narrowing: false)
        let containers = try await session.run(locking: false) {
            try await $0.removableContainers(services, includeRunning: stop)
        }
        guard !containers.isEmpty else {
            Output.writeError("No stopped containers\n")
            return
        }
        let question = "Going to remove \(containers.map(\.name).joined(separator: ", "))"
        if force {
            Output.write(question + "\n")
        } else {
            guard Prompt.confirm(question) else { return }
        }
        try await session.run { try await $0.remove(containers, removeVolumes: volumes, stopping: stop) }
    }
}
