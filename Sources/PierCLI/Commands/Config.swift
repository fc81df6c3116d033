import ArgumentParser
import ComposeSpec
import DockerEngine
import Foundation
import Orchestration

struct Config: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Parse, resolve and render compose file in canonical format.")

    var global: GlobalOptions { GlobalOptions.current }

    @Option(help: "Format the output. Values: [yaml | json]") var format: String = "yaml"
    @Flag(name: [.short, .long], help: "Only validate the configuration, don't print anything.") var quiet = false
    @Flag(help: "Print the service names, one per line.") var services = false
    @Flag(help: "Print the volume names, one per line.") var volumes = false
    @Flag(help: "Print the network names, one per line.") var networks = false
    @Flag(help: "Print the profile names, one per line.") var profiles = false
    @Flag(help: "Print the image names, one per line.") var images = false
    @Option(help: "Print the service config hash, one per line (\"*\" for all services).") var hash: String?
    @Flag(help: "Print model variables and default values.") var variables = false
    @Flag(help: "Print environment used for interpolation.") var environment = false
    @Flag(name: .customLong("no-interpolate"), help: "Don't interpolate environment variables.")
    var noInterpolate = false
    @Flag(name: .customLong("no-normalize"), help: "Don't normalize compose model.") var noNormalize = false
    @Flag(name: .customLong("no-path-resolution"), help: "Don't resolve file paths.") var noPathResolution = false
    @Flag(name: .customLong("no-consistency"), help: "Don't check model consistency.") var noConsistency = false
    @Flag(name: .customLong("no-env-resolution"), help: "Don't resolve service env files.") var noEnvResolution = false
    @Flag(help: "Print the model names, one per line.") var models = false
    @Flag(name: .customLong("resolve-image-digests"), help: "Pin image tags to digests.") var resolveImageDigests =
        false
    @Flag(name: .customLong("lock-image-digests"), help: "Produces an override file with image digests.")
    var lockImageDigests = false
    @Option(name: [.customShort("o", allowingJoined: true), .long], help: "Save to file (default to stdout).")
    var output: String?
    @Argument(help: "Services to render.") var serviceNames: [String] = []

    func run() async throws {
        guard format == "yaml" || format == "json" else {
            throw ValidationError("unsupported format \"\(format)\": expected yaml or json")
        }
        var options = global.projectOptions(services: serviceNames)
        options.interpolate = !noInterpolate
        options.normalize = !noNormalize
        options.resolvePaths = !noPathResolution
        options.checkConsistency = !noConsistency
        options.resolveEnvironmentFiles = !noEnvResolution
        if variables {
            let references = try ProjectLoader.variables(options)
            return try emit(ConfigRendering.variablesTable(references))
        }
        var project = try ProjectTarget.loadProject(options)
        if quiet { return }
        if resolveImageDigests || lockImageDigests {
            let pinned = try await Self.pinnedImages(of: project)
            if lockImageDigests {
                return try emit(ConfigRendering.imageLock(pinned, project: project, json: format == "json"))
            }
            for (service, image) in pinned { project.document["services"]?[service]?["image"] = .string(image) }
        }
        try emit(ConfigRendering(project: project).render(self))
    }

    /// Each service's image pinned to its digest, asked through the engine.
    static func pinnedImages(of project: LoadedProject) async throws -> [(service: String, image: String)] {
        let digests = ImageDigests(
            client: try ReadCommand.engine(),
            credentials: CredentialStore(environment: EngineSelection.environment(GlobalOptions.current)))
        return try await digests.pinnedImages(of: project.document)
    }

    private func emit(_ text: String) throws {
        guard let output else {
            Output.write(text)
            return
        }
        let path = output.hasPrefix("/") ? output : FileManager.default.currentDirectoryPath + "/" + output
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw ValidationError("cannot write \(path)")
        }
    }
}
