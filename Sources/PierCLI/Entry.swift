import ArgumentParser
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
            // Global flags come before the command's name; parsing them apart keeps the commands' own short
            // flags (`rm -f`, `logs -f`) free, as in Docker Compose.
            let (globalArguments, commandArguments) = GlobalOptions.split(arguments)
            let global: GlobalOptions
            do {
                global = try GlobalOptions.parse(globalArguments)
            } catch {
                throw GlobalFlagError(error: error)
            }
            var command = try parseAsRoot(commandArguments)
            try await GlobalOptions.$current.withValue(global) {
                if var asyncCommand = command as? AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            }
            return 0
        } catch {
            return FailureReport(error).print()
        }
    }
}

/// A global flag that does not parse: reported with the global flags' usage.
struct GlobalFlagError: Error {
    var error: any Error
}

/// How a failure ends the command: the text printed and the exit status. The one mapping from errors to both:
/// ArgumentParser's for its own errors, help, `ExitCode` and everything else (`Error: ` and the error's
/// description, status 1); a bare ``CommandFailure``'s message alone, as Docker Compose prints it.
struct FailureReport: Equatable {
    /// What is printed (with a newline after it), if anything.
    var text: String
    var status: Int32

    init(text: String, status: Int32) {
        self.text = text
        self.status = status
    }

    init(_ error: any Error) {
        switch error {
        case let failure as GlobalFlagError:
            text = GlobalOptions.fullMessage(for: failure.error)
            status = GlobalOptions.exitCode(for: failure.error).rawValue
        case let failure as CommandFailure where failure.isBare:
            text = failure.message
            status = 1
        default:
            text = Pier.fullMessage(for: error)
            status = Pier.exitCode(for: error).rawValue
        }
    }

    /// Help and version go to standard output, failures to standard error; returns the status.
    func print() -> Int32 {
        guard !text.isEmpty else { return status }
        if status == 0 {
            Output.write(text + "\n")
        } else {
            Output.writeError(text + "\n")
        }
        return status
    }
}
