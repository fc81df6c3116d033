import ArgumentParser
import ComposeSpec
import Foundation

extension Pier {
    /// Parses the command line, runs the chosen command and exits with its status: the one place the process
    /// ends. Commands never exit; they return, or throw (an `ExitCode` for a status of their own).
    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        Foundation.exit(await execute(arguments))
    }

    /// Runs one command line in this process and returns its exit status, having printed its failure if any.
    public static func execute(_ arguments: [String]) async -> Int32 {
        do {
            let environment = ProcessInfo.processInfo.environment
            if arguments.first == PluginMetadata.subcommand {
                Output.write(PluginMetadata.json + "\n")
                return 0
            }
            let arguments =
                CommandLineForms.plugin(
                    arguments, environment: environment, executable: CommandLine.arguments.first) ?? arguments
            // Global flags come before the command's name; parsing them apart keeps the commands' own short
            // flags (`rm -f`, `logs -f`) free, as in Docker Compose.
            let (globalArguments, commandArguments) = GlobalOptions.split(arguments)
            var global: GlobalOptions
            do {
                global = try GlobalCommand.parse(try CommandLineForms.booleanValues(globalArguments, global: true))
                    .options
            } catch let error as CommandFailure {
                throw error
            } catch {
                throw GlobalFlagError(error: error)
            }
            let variables = ComposeVariables.load(global)
            global = try global.resolved(variables: variables)
            global = try await RemoteProjects.fetch(global)
            // `-v` and `--version` are the `version` command, the rest of the line its flags.
            let line = global.version ? ["version"] + commandArguments : commandArguments
            var command: ParsableCommand
            do {
                command = try parseAsRoot(try normalizedCommandLine(line))
            } catch let error as CommandFailure {
                throw error
            } catch {
                throw CommandLineError(error: error)
            }
            if !(command is Version) { try global.checkProgress() }
            if global.dryRun { try DryRun.check(command) }
            do {
                try await GlobalOptions.$current.withValue(global) {
                    try await ComposeVariables.$current.withValue(variables) {
                        if var asyncCommand = command as? AsyncParsableCommand {
                            try await asyncCommand.run()
                        } else {
                            try command.run()
                        }
                    }
                }
            } catch  where Self.isArgumentParsers(command) {
                // `--help` parses as ArgumentParser's own help command, whose run asks for the help.
                throw CommandLineError(error: error)
            }
            return 0
        } catch {
            return FailureReport(error).print()
        }
    }

    /// Whether `command` is one ArgumentParser made (its help command), not one of Pier's.
    static func isArgumentParsers(_ command: any ParsableCommand) -> Bool {
        String(reflecting: type(of: command)).hasPrefix("ArgumentParser.")
    }

    /// `arguments` (a command and its flags) with boolean flags given a value rewritten as ArgumentParser takes
    /// them.
    static func normalizedCommandLine(_ arguments: [String]) throws(CommandFailure) -> [String] {
        // ArgumentParser's completion flag asks for Pier's own scripts.
        if arguments.first == "--generate-completion-script" { return ["completion"] + arguments.dropFirst() }
        if let flag = arguments.first, flag.hasPrefix("--generate-completion-script=") {
            return ["completion", String(flag.dropFirst("--generate-completion-script=".count))]
        }
        guard let name = arguments.first, name != Complete.configuration.commandName else { return arguments }
        return [name] + (try CommandLineForms.booleanValues(Array(arguments.dropFirst()), command: name))
    }
}

/// A global flag that does not parse: reported with the global flags' usage, which names `pier`.
struct GlobalFlagError: Error {
    var error: any Error
}

/// A command line that does not parse (or that a command's `validate()` refuses), help and version requests
/// included: reported as ArgumentParser words it.
struct CommandLineError: Error {
    var error: any Error
}

/// How a failure ends the command: the text printed and the exit status. The one mapping from errors to both:
/// ArgumentParser's wording for the command line's own errors (usage, help, version) and an `ExitCode`'s status;
/// every other failure is its description alone, status 1, as Docker Compose prints every failure.
struct FailureReport: Equatable {
    /// What is printed (with a newline after it), if anything.
    var text: String
    var status: Int32
    /// What loading warned about before it failed, printed before the failure as Compose prints them.
    var warnings: [String] = []

    init(text: String, status: Int32) {
        self.text = text
        self.status = status
    }

    init(_ error: any Error) {
        let loadFailure = error as? ComposeError ?? (error as? CommandFailure)?.underlying as? ComposeError
        warnings = loadFailure?.warnings.map(\.description) ?? []
        switch error {
        case let failure as GlobalFlagError:
            text = GlobalCommand.fullMessage(for: failure.error)
            status = Self.usageStatus(GlobalCommand.exitCode(for: failure.error).rawValue)
        case let failure as CommandLineError:
            text = Pier.fullMessage(for: failure.error)
            status = Self.usageStatus(Pier.exitCode(for: failure.error).rawValue)
        case is ExitCode, is CleanExit, is ValidationError:
            text = Pier.fullMessage(for: error)
            // A command's own status (a container's exit code) passes through whatever its value.
            let code = Pier.exitCode(for: error).rawValue
            status = error is ExitCode ? code : Self.usageStatus(code)
        default:
            text = "\(error)"
            status = 1
        }
    }

    /// A usage error ends with status 1, as in Docker Compose, not ArgumentParser's 64.
    private static func usageStatus(_ status: Int32) -> Int32 {
        status == ExitCode.validationFailure.rawValue ? 1 : status
    }

    /// Help and version go to standard output, failures to standard error; returns the status.
    func print() -> Int32 {
        for warning in warnings { Output.warn(warning) }
        guard !text.isEmpty else { return status }
        if status == 0 {
            Output.write(text + "\n")
        } else {
            Output.writeError(text + "\n")
        }
        return status
    }
}
