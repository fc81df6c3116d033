import ArgumentParser
import Orchestration

struct Wait: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Block until containers of all (or specified) services stop.")
    var global: GlobalOptions { GlobalOptions.current }
    @Flag(name: .customLong("down-project"), help: "Drops project when the first container stops.") var downProject =
        false
    @Argument(help: "Services to wait for.") var services: [String]

    func run() async throws {
        let session = try await EngineSession.open(global, services: services, narrowing: false)
        let code = try await session.run(locking: false) {
            try await $0.wait(services) { container, code in
                Output.write("container \"\(container.id)\" exited with status code \(code)\n")
            }
        }
        if downProject { try await session.run { try await $0.down(DownOptions()) } }
        throw ExitCode(Int32(truncatingIfNeeded: code))
    }
}
