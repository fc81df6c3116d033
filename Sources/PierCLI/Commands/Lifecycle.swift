import ArgumentParser
import Orchestration

struct Start: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start services.")
    var global: GlobalOptions { GlobalOptions.current }
    @Argument(help: "Services to start.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, allProfiles: true)
        try await session.run { try await $0.start(services) }
    }
}

struct Stop: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stop services.")
    var global: GlobalOptions { GlobalOptions.current }
    @Option(name: [.short, .long], help: "Specify a shutdown timeout in seconds.") var timeout: Int?
    @Argument(help: "Services to stop.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, allProfiles: true)
        try await session.run { try await $0.stop(services, timeout: timeout) }
    }
}

struct Restart: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Restart service containers.")
    var global: GlobalOptions { GlobalOptions.current }
    @Option(name: [.short, .long], help: "Specify a shutdown timeout in seconds.") var timeout: Int?
    @Argument(help: "Services to restart.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, allProfiles: true)
        try await session.run { try await $0.restart(services, timeout: timeout) }
    }
}

struct Kill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Force stop service containers.")
    var global: GlobalOptions { GlobalOptions.current }
    @Option(name: [.short, .long], help: "SIGNAL to send to the container.") var signal: String = "SIGKILL"
    @Flag(name: .customLong("remove-orphans"), help: "Remove containers for services not defined in the Compose file.")
    var removeOrphans = false
    @Argument(help: "Services to kill.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, allProfiles: true)
        try await session.run { try await $0.kill(services, signal: signal, removeOrphans: removeOrphans) }
    }
}

struct Pause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Pause services.")
    var global: GlobalOptions { GlobalOptions.current }
    @Argument(help: "Services to pause.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, allProfiles: true)
        try await session.run { try await $0.pause(services) }
    }
}

struct Unpause: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Unpause services.")
    var global: GlobalOptions { GlobalOptions.current }
    @Argument(help: "Services to unpause.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, allProfiles: true)
        try await session.run { try await $0.unpause(services) }
    }
}

struct Rm: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Removes stopped service containers.")
    var global: GlobalOptions { GlobalOptions.current }
    @Flag(name: [.short, .long], help: "Don't ask to confirm removal.") var force = false
    @Flag(name: [.short, .long], help: "Stop the containers, if required, before removing.") var stop = false
    @Flag(name: [.short, .long], help: "Remove any anonymous volumes attached to containers.") var volumes = false
    @Argument(help: "Services to remove.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, allProfiles: true)
        let containers = try await session.run { try await $0.removableContainers(services, includeRunning: stop) }
        guard !containers.isEmpty else {
            Output.write("No stopped containers\n")
            return
        }
        if !force {
            Output.write("Going to remove \(containers.map(\.name).joined(separator: ", "))\n")
            Output.write("Are you sure? [yN] ")
            guard readLine()?.lowercased().hasPrefix("y") == true else { return }
        }
        try await session.run { try await $0.remove(containers, removeVolumes: volumes) }
    }
}

struct Wait: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Block until containers of all (or specified) services stop.")
    var global: GlobalOptions { GlobalOptions.current }
    @Flag(name: .customLong("down-project"), help: "Drops project when the first container stops.") var downProject =
        false
    @Argument(help: "Services to wait for.") var services: [String]

    func run() async throws {
        let session = try await EngineSession.open(global, allProfiles: true)
        let code = try await session.run {
            try await $0.wait(services) { container, code in
                Output.write("container \"\(container.id)\" exited with status code \(code)\n")
            }
        }
        if downProject { try await session.run { try await $0.down(DownOptions()) } }
        throw ExitCode(Int32(truncatingIfNeeded: code))
    }
}
