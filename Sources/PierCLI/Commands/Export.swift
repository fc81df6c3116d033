import ArgumentParser
import DockerEngine
import Foundation
import Orchestration

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a service container's filesystem as a tar archive")
    var global: GlobalOptions { GlobalOptions.current }

    @Option(help: "index of the container if service has multiple replicas.") var index = 0
    @Option(name: [.customShort("o", allowingJoined: true), .long], help: "Write to a file, instead of STDOUT")
    var output: String?
    @Argument(help: "The service.") var service: String

    func run() async throws {
        if output == nil, Terminal.isTerminal(1) {
            throw CommandFailure("output option is required when exporting to terminal")
        }
        let project = try ProjectTarget.load(global).name
        let engine = try ReadCommand.engine()
        let quiet = global.progress == "quiet"
        let container = try await ProjectContainerQuery(client: engine, project: project)
            .container(service: service, index: index)
        let name = container.canonicalName
        if !quiet { Output.writeError(" \(name) export \(name) to \(output ?? "") Exporting\n") }
        let tar = try await engine.exportContainer(container.id)
        try await Self.write(tar, to: output)
    }

    /// Writes the archive as it arrives: to `path` (created with mode 0600, as the docker CLI creates it), or to
    /// standard output.
    static func write(_ tar: EngineByteStream, to path: String?) async throws {
        guard let path else {
            for try await chunk in tar { StandardStreams.write(chunk, to: 1) }
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let file = FileHandle(forWritingAtPath: path)
        else { throw CommandFailure("failed to export container: cannot create \(path)") }
        defer { try? file.close() }
        for try await chunk in tar { try file.write(contentsOf: chunk) }
    }
}
