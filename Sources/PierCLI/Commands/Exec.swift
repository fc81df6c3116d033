import ArgumentParser
import ComposeSpec
import DockerEngine
import Foundation
import Orchestration

struct Exec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec", abstract: "Execute a command in a running container.")

    var global: GlobalOptions { GlobalOptions.current }

    @Flag(name: [.short, .long], help: "Detached mode: Run command in the background.") var detach = false
    @Option(name: [.customShort("e", allowingJoined: true), .long], help: "Set environment variables.") var env:
        [String] = []
    @Option(help: "Index of the container if service has multiple replicas.") var index: Int = 0
    @Flag(help: "Give extended privileges to the process.") var privileged = false
    @Option(name: [.customShort("u", allowingJoined: true), .long], help: "Run the command as this user.") var user:
        String?
    @Option(
        name: [.customShort("w", allowingJoined: true), .long], help: "Path to workdir directory for this command.")
    var workdir: String?
    @Flag(
        name: [.customShort("T"), .customLong("no-TTY"), .customLong("no-tty", withSingleDash: false)],
        help: "Disable pseudo-TTY allocation. By default a TTY is allocated when standard output is a terminal.")
    var noTTY = false
    @Flag(name: [.short, .long], help: .hidden) var interactive = false
    @Flag(name: [.short, .long], help: .hidden) var tty = false
    @Argument(help: "The service.") var service: String?
    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.") var command: [String] = []

    func run() async throws {
        guard let service, !command.isEmpty else {
            throw CommandFailure("requires at least 2 arg(s), only received \(service == nil ? 0 : 1)")
        }
        // As the reference decides: a TTY when standard output is a terminal, which then needs standard input to
        // be one too.
        let allocatesTTY = !noTTY && Terminal.isTerminal(1)
        if global.dryRun, !detach { throw DryRun.interactive("exec") }
        if allocatesTTY, !detach, !Terminal.isTerminal(0) { throw CommandFailure("the input device is not a TTY") }
        let project = try ProjectTarget.load(global).name
        let engine = try ReadCommand.engine()
        let (index, detach) = (self.index, self.detach)
        let configuration = ExecConfiguration(
            command: command, attachesStdin: !detach, attachesStdout: !detach, attachesStderr: !detach,
            isTTY: allocatesTTY, environment: EnvironmentArguments.resolve(env), workingDirectory: workdir, user: user,
            isPrivileged: privileged)
        // Ctrl+C or a termination request ends the command at once with status 130, as the reference does.
        let code: Int32 = try await Signals.interrupts.cancelling(
            {
                let container = try await ProjectContainerQuery(client: engine, project: project)
                    .container(service: service, index: index)
                let execID = try await engine.createExec(in: container.id, configuration: configuration)
                if detach {
                    try await engine.startExecDetached(execID, isTTY: allocatesTTY)
                    if global.dryRun {
                        let words = command.map(GoQuote.quoted).joined(separator: " ")
                        Output.write(
                            " DRY-RUN MODE - Executing command [\(words)] in \(container.id) (detached mode)\n")
                    }
                    return 0
                }
                return try await ExecSession(engine: engine, execID: execID, isTTY: allocatesTTY).run()
            }, returning: 130)
        throw ExitCode(code)
    }
}
