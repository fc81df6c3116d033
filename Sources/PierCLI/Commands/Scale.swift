import ArgumentParser
import Orchestration

struct Scale: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale", abstract: "Scale services", discussion: "pier scale [OPTIONS] [SERVICE=REPLICAS...]")
    var global: GlobalOptions { GlobalOptions.current }

    @Flag(name: .customLong("no-deps"), help: "Don't start linked services.") var noDeps = false
    @Argument(help: "SERVICE=REPLICAS, for each service to scale.") var replicas: [String] = []

    func run() async throws {
        guard !replicas.isEmpty else { throw CommandFailure("requires at least 1 arg(s), only received 0") }
        let scale = try Self.replicas(replicas)
        var options = UpOptions()
        options.services = Array(scale.keys).sorted()
        options.scale = scale
        options.noDeps = noDeps
        // As Compose: containers that are up to date are kept; one whose configuration changed is recreated.
        let session = try await EngineSession.open(global, services: options.services)
        try await session.run { try await $0.up(options) }
    }

    /// `SERVICE=REPLICAS` arguments, refused with Compose's words.
    static func replicas(_ arguments: [String]) throws(CommandFailure) -> [String: Int] {
        var scale: [String: Int] = [:]
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "=") else {
                throw CommandFailure("invalid scale specifier: \(argument)")
            }
            guard let count = Int(argument[argument.index(after: equals)...]) else {
                throw CommandFailure("invalid scale specifier: can't parse replica value as int: \(argument)")
            }
            scale[String(argument[..<equals])] = count
        }
        return scale
    }
}
