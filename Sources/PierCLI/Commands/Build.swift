import ArgumentParser
import ComposeSpec
import Foundation
import Orchestration

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build or rebuild services.")

    var global: GlobalOptions { GlobalOptions.current }

    @Option(name: .customLong("build-arg"), help: "Set build-time variables for services.")
    var buildArguments: [String] = []
    @Option(help: "Set builder to use (Pier builds with the engine's own BuildKit).") var builder: String?
    @Flag(help: "Check build configuration (needs BuildKit 0.15's Dockerfile checks).") var check = false
    @Option(name: [.short, .long], help: "Set memory limit for the build container.") var memory: String?
    @Flag(name: .customLong("no-cache"), help: "Do not use cache when building the image.") var noCache = false
    @Flag(help: "Print equivalent bake file.") var print = false
    @Option(help: "Add a provenance attestation (needs the containerd image store).") var provenance: String?
    @Flag(help: "Always attempt to pull a newer version of the image.") var pull = false
    @Flag(help: "Push service images.") var push = false
    @Flag(name: [.short, .long], help: "Suppress the build output.") var quiet = false
    @Option(help: "Add a SBOM attestation (needs the containerd image store).") var sbom: String?
    @Option(
        help:
            "Set SSH authentications used when building service images. (use 'default' for using your default SSH Agent)"
    )
    var ssh: String?
    @Flag(
        name: .customLong("no-syntax-fallback"),
        help: "Fail when a Dockerfile's # syntax= frontend cannot be resolved, instead of using the built-in one.")
    var noSyntaxFallback = false
    @Flag(name: .customLong("with-dependencies"), help: "Also build dependencies (transitively).")
    var withDependencies = false
    @Flag(name: .customLong("parallel"), help: .hidden) var deprecatedParallel = false
    @Argument(help: "Services to build.") var services: [String] = []

    /// Flags Pier cannot honour fail the command (status 1, as Compose's flag errors do).
    func refuseUnsupportedFlags() throws {
        if check {
            throw CommandFailure(
                "--check runs the Dockerfile frontend's checks, which need BuildKit 0.15 (Docker Engine 27); Pier"
                    + " builds with the engine's own BuildKit, which may be older: lint the compose file with"
                    + " `pier lint`, or check the Dockerfile with `docker buildx build --check`")
        }
        if let memory, BuildRequest.byteCount(memory) == nil {
            throw CommandFailure("invalid argument \"\(memory)\" for \"-m, --memory\" flag: invalid size: '\(memory)'")
        }
    }

    /// `services` and the services their builds name as contexts (`service:NAME`), which Compose builds with
    /// them although they are not dependencies (the loader leaves them out of a selection).
    func contextServicesIncluded(_ services: [String]) throws -> [String] {
        guard !services.isEmpty else { return services }
        var names = services
        while true {
            let project = try ProjectLoader.load(global.projectOptions(services: names))
            let definitions = project.document["services"]?.mapping ?? [:]
            let missing = Set(definitions.values.flatMap(ProjectRuntime.contextServices(of:))).subtracting(names)
            if missing.isEmpty { return names }
            names += missing.sorted()
        }
    }

    func run() async throws {
        try refuseUnsupportedFlags()
        for (flag, given) in [("--provenance", provenance != nil), ("--sbom", sbom != nil)] where given {
            Output.warn(
                "\(flag) is ignored: the engine's image store keeps no attestations (they need the containerd image"
                    + " store and an exporter Pier does not use)")
        }
        if let builder, builder != "default" {
            Output.warn(
                "--builder \(builder) is ignored: Pier builds with the engine's own BuildKit, not buildx builders")
        }
        let limit = try ParallelLimit.resolve(flag: global.parallel)
        var request = BuildRequest()
        request.noCache = noCache
        request.pull = pull
        request.memory = memory.flatMap(BuildRequest.byteCount)
        if noSyntaxFallback { request.syntaxFallback = false }
        if let ssh {
            request.ssh = ssh.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
        }
        for argument in buildArguments where !argument.isEmpty {
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            request.arguments[parts[0]] = .some(parts.count > 1 ? parts[1] : nil)
        }
        var global = self.global
        if quiet { global.progress = "quiet" }
        let services = try contextServicesIncluded(services)
        if print {
            let project = try ProjectTarget.loadProject(global.projectOptions(services: services))
            let definition = BakeDefinition.make(project: project, services: services, request: request)
            Output.write(JSONWriter.write(definition) + "\n")
            return
        }
        let session = try await EngineSession.open(global, services: services, title: "Building")
        let runtime = session.runtime
        let names = try? runtime.buildableServices(services, withDependencies: withDependencies)
        // On a terminal the live display shows each build's current step; the full output would garble it.
        let liveOnTerminal = session.renderer.mode == .tty && isatty(STDOUT_FILENO) == 1
        if !quiet, !liveOnTerminal {
            request.output = BuildOutput(services: names ?? []).write
        }
        var pushOptions = PushOptions()
        pushOptions.services = services
        pushOptions.includeDependencies = withDependencies
        pushOptions.quiet = quiet
        try await session.run(locking: false) { [push] runtime in
            try await runtime.build(services, request: request, withDependencies: withDependencies, limit: limit)
            if push { _ = try await runtime.push(pushOptions) }
        }
    }
}

/// The engine's build output on standard output, as Compose prints it with the classic builder; prefixed with
/// the service's name when several services are built (their lines interleave).
struct BuildOutput: Sendable {
    let width: Int?

    init(services: [String]) {
        width = services.count > 1 ? services.map(\.count).max() : nil
    }

    func write(service: String, line: String) {
        let prefix = width.map { service.padding(toLength: $0, withPad: " ", startingAt: 0) + "  | " } ?? ""
        Output.write(prefix + line + "\n")
    }
}

/// The bound on concurrent engine operations: the global `--parallel` flag, else `COMPOSE_PARALLEL_LIMIT`;
/// nil (unbounded) when neither sets a positive number.
enum ParallelLimit {
    static func resolve(flag: Int?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(CommandFailure) -> Int?
    {
        if let flag, flag > 0 { return flag }
        guard let text = environment["COMPOSE_PARALLEL_LIMIT"], !text.isEmpty else { return nil }
        guard let value = Int(text) else {
            throw CommandFailure("COMPOSE_PARALLEL_LIMIT must be an integer (found: \"\(text)\")")
        }
        return value > 0 ? value : nil
    }
}
