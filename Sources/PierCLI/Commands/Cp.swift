import ArgumentParser
import DockerEngine
import Foundation
import Orchestration

struct Cp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cp",
        abstract: "Copy files/folders between a service container and the local filesystem.",
        discussion: """
            pier cp [OPTIONS] SERVICE:SRC_PATH DEST_PATH|-
            pier cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH
            """)

    var global: GlobalOptions { GlobalOptions.current }

    @Flag(help: "Include containers created by the run command.") var all = false
    @Flag(name: [.short, .long], help: "Archive mode (copy all uid/gid information).") var archive = false
    @Flag(name: [.customShort("L"), .long], help: "Always follow symbol link in SRC_PATH.") var followLink = false
    @Option(help: "Index of the container if service has multiple replicas.") var index: Int = 0
    @Argument(help: "SERVICE:SRC_PATH or SRC_PATH|-") var source: String
    @Argument(help: "DEST_PATH|- or SERVICE:DEST_PATH") var destination: String

    func run() async throws {
        let from = Self.servicePath(source)
        let to = Self.servicePath(destination)
        if from != nil, to != nil { throw CommandFailure("copying between services is not supported") }
        guard let (service, _) = from ?? to else { throw CommandFailure("unknown copy direction") }
        let project = try ProjectTarget.load(global).name
        let engine = try ReadCommand.engine()
        let copy = ContainerCopy(client: engine)
        let quiet = global.progress == "quiet" || destination == "-"
        try await Self.reportingEngineErrors {
            let containers = try await targets(service: service, project: project, engine: engine)
            for container in from == nil ? containers : Array(containers.prefix(1)) {
                let name = container.canonicalName
                let description =
                    from != nil
                    ? "\(name):\(from!.path) to \(destination)" : "\(source) to \(name):\(to!.path)"
                let mark = DryRun.mark(global)
                if !quiet { Output.writeError(" \(mark)\(name) copy \(description) Copying\n") }
                if let from, global.dryRun {
                    // Nothing is written here either: the source must exist.
                    do {
                        _ = try await engine.statPath(container.id, path: from.path)
                    } catch let error as EngineError where error.code == .notFound {
                        // A HEAD answer has no body: the engine's words for a GET.
                        throw EngineError(
                            .notFound, status: 404,
                            message: "Could not find the file \(from.path) in container \(container.id)")
                    }
                } else if let from {
                    try await copy.copyOut(
                        from: container.id, source: from.path, to: destination, followsLink: followLink,
                        output: { StandardStreams.write($0, to: 1) })
                } else if let to {
                    try await copy.copyIn(
                        source, to: container.id, destination: to.path, followsLink: followLink, archive: archive,
                        input: { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) })
                }
                if !quiet { Output.writeError(" \(mark)\(name) copy \(description) Copied\n") }
            }
        }
    }

    /// Runs `body`, failing with its error as the reference words it: the engine's errors as the docker CLI
    /// prints them.
    private static func reportingEngineErrors(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as EngineError {
            throw CommandFailure(error.daemonMessage, underlying: error)
        }
    }

    /// The containers to copy with, as the reference picks them: `--index`'s, else every container of the service
    /// (one-off ones too with `--all`); a copy out of the service reads the first.
    private func targets(service: String, project: String, engine: EngineClient) async throws -> [ContainerSummary] {
        let query = ProjectContainerQuery(client: engine, project: project)
        if index > 0 { return [try await query.container(service: service, index: index, all: true)] }
        let found = ProjectContainerQuery.sortedByNumber(
            try await query.containers(oneOff: all ? .include : .exclude, all: true, services: [service]))
        guard !found.isEmpty else {
            throw OrchestrationError(.notFound, "no container found for service \"\(service)\"", service: service)
        }
        return found
    }

    /// `SERVICE:PATH` split in two; nil for a local path (one with a `/` before any `:`, or none at all).
    static func servicePath(_ argument: String) -> (service: String, path: String)? {
        guard let colon = argument.firstIndex(of: ":") else { return nil }
        let service = argument[..<colon]
        guard !service.isEmpty, !service.contains("/") else { return nil }
        return (String(service), String(argument[argument.index(after: colon)...]))
    }
}
