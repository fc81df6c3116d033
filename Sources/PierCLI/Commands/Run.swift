import ArgumentParser
import ComposeSpec
import DockerEngine
import Foundation
import Orchestration

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a one-off command on a service.")

    var global: GlobalOptions { GlobalOptions.current }

    @Flag(name: [.short, .long], help: "Run container in background and print container ID.") var detach = false
    @Flag(help: "Automatically remove the container when it exits.") var rm = false
    @Option(name: [.customShort("e", allowingJoined: true), .long], help: "Set environment variables.") var env:
        [String] = []
    @Option(name: .customLong("env-from-file"), help: "Set environment variables from file.") var envFromFile:
        [String] = []
    @Option(name: .customLong("cap-add"), help: "Add Linux capabilities.") var capAdd: [String] = []
    @Option(name: .customLong("cap-drop"), help: "Drop Linux capabilities.") var capDrop: [String] = []
    @Option(name: [.customShort("v", allowingJoined: true), .long], help: "Bind mount a volume.") var volume: [String] =
        []
    @Option(name: [.customShort("p", allowingJoined: true), .long], help: "Publish a container's port(s) to the host.")
    var publish: [String] = []
    @Flag(
        name: [.customShort("P"), .customLong("service-ports")],
        help: "Run command with all service's ports enabled and mapped to the host.")
    var servicePorts = false
    @Option(help: "Override the entrypoint of the image.") var entrypoint: String?
    @Option(help: "Assign a name to the container.") var name: String?
    @Flag(name: .customLong("no-deps"), help: "Don't start linked services.") var noDeps = false
    @Flag(
        name: [.customShort("T"), .customLong("no-TTY"), .customLong("no-tty")],
        help:
            "Disable pseudo-TTY allocation. By default a TTY is allocated when standard input and output are terminals."
    )
    var noTTY = false
    @Option(name: [.customShort("u", allowingJoined: true), .long], help: "Run as specified username or uid.") var user:
        String?
    @Option(name: [.customShort("w", allowingJoined: true), .long], help: "Working directory inside the container.")
    var workdir: String?
    @Option(name: [.customShort("l", allowingJoined: true), .long], help: "Add or override a label.") var label:
        [String] = []
    @Flag(
        name: .customLong("use-aliases"),
        help: "Use the service's network aliases in the network(s) the container connects to.")
    var useAliases = false
    @Flag(help: "Build image before starting container.") var build = false
    @Flag(name: .customLong("remove-orphans"), help: "Remove containers for services not defined in the Compose file.")
    var removeOrphans = false
    @Flag(name: .customLong("quiet-pull"), help: "Pull without printing progress information.") var quietPull = false
    @Flag(name: .customLong("quiet-build"), help: "Suppress progress output from the build process.")
    var quietBuild = false
    @Flag(name: [.short, .long], help: "Don't print anything to STDOUT.") var quiet = false
    @Option(help: "Pull image before running (\"always\"|\"missing\"|\"never\").") var pull = "policy"
    @Flag(
        name: [.short, .long], inversion: .prefixedNo, exclusivity: .chooseLast,
        help: "Keep STDIN open even if not attached.")
    var interactive = true
    @Flag(name: [.short, .long], help: .hidden) var tty = false
    @Argument(help: "The service.") var service: String?
    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.") var command: [String] = []

    func run() async throws {
        guard let service else { throw CommandFailure("requires at least 1 arg(s), only received 0") }
        if global.dryRun, !detach { throw DryRun.interactive("run") }
        // As the reference decides: `-t` asks for a TTY (which needs standard input to be a terminal); otherwise an
        // attached run has one when both standard input and output are terminals.
        let allocatesTTY = !noTTY && (tty || (!detach && Terminal.isTerminal(0) && Terminal.isTerminal(1)))
        if allocatesTTY, !Terminal.isTerminal(0) { throw CommandFailure("the input device is not a TTY") }
        var request = OneOffRequest(service: service)
        request.command = command
        do {
            request.entrypoint = try entrypoint.map(ShellWords.split)
        } catch {
            throw CommandFailure(error.message)
        }
        request.name = name
        let environment = ProcessInfo.processInfo.environment
        // Files first: `-e` wins over them.
        request.environment =
            try envFromFile.flatMap { try ShortSyntax.environmentFile(at: $0) { environment[$0] } }
            + EnvironmentArguments.resolve(env)
        request.capabilitiesAdded = capAdd
        request.capabilitiesDropped = capDrop
        request.labels = label
        request.volumes = volume
        request.publish = publish
        request.servicePorts = servicePorts
        request.user = user
        request.workingDirectory = workdir
        request.tty = allocatesTTY
        request.useAliases = useAliases
        request.noDeps = noDeps
        request.build = build
        request.quietPull = quietPull || quiet
        request.quietBuild = quietBuild || quiet
        request.interactive = interactive
        if pull != "policy" {
            guard ["always", "missing", "never"].contains(pull), let policy = PullPolicy(pull) else {
                throw CommandFailure("invalid --pull option \"\(pull)\"")
            }
            request.pull = policy
        }
        request.removeOrphans = removeOrphans
        request.autoRemove = rm

        var global = self.global
        if quiet { global.progress = "quiet" }
        let session = try await EngineSession.open(global, services: [service])
        let container = try await session.run { try await $0.createOneOff(request) }
        let oneOff = ContainerSession(
            client: session.runtime.client, containerID: container.id,
            state: ContainerSessionState(mode: .run(removes: rm)),
            isTTY: allocatesTTY, forwardsInput: interactive)
        if detach {
            try await oneOff.startDetached()
            Output.write(container.id + "\n")
            return
        }
        throw ExitCode(try await oneOff.runInTerminal())
    }
}
