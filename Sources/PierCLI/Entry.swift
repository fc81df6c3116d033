import ArgumentParser

extension Pier {
    /// Parses the command line and runs the chosen command, exiting with its status.
    public static func run(arguments: [String] = Array(CommandLine.arguments.dropFirst())) async -> Never {
        do {
            // Global flags come before the command's name; parsing them apart keeps the commands' own short
            // flags (`rm -f`, `logs -f`) free, as in Docker Compose.
            let (globalArguments, commandArguments) = GlobalOptions.split(arguments)
            let global: GlobalOptions
            do {
                global = try GlobalOptions.parse(globalArguments)
            } catch {
                GlobalOptions.exit(withError: error)
            }
            var command = try parseAsRoot(commandArguments)
            try await GlobalOptions.$current.withValue(global) {
                if var asyncCommand = command as? AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            }
            exit()
        } catch {
            exit(withError: error)
        }
    }
}
