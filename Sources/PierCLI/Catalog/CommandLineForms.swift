import Foundation

/// Command line forms Docker Compose's parser (cobra) takes and ArgumentParser does not, rewritten into
/// ArgumentParser's: boolean flags with a value (`--detach=false`), and the plugin form of the command line.
enum CommandLineForms {
    /// `booleanValues(_:command:)` for Pier's command `name` (or the global flags), looking the command up only when
    /// a flag is given a value with `=`: the catalog is built from the help of every command, which takes time.
    static func booleanValues(_ arguments: [String], command name: String = "", global: Bool = false)
        throws(CommandFailure) -> [String]
    {
        guard arguments.contains(where: { $0.hasPrefix("-") && $0.contains("=") }),
            let command = global ? CommandCatalog.global : CommandCatalog.pier.command(name)
        else { return arguments }
        return try booleanValues(arguments, command: command)
    }

    /// `arguments` with each `--flag=VALUE` of a boolean flag of `command` as ArgumentParser takes it: `--flag`
    /// when VALUE is true, nothing (or the command's `--no-flag`, when it has one) when it is false. Flags after the first positional argument of a command that
    /// passes them on (`exec web ls --color=auto`) are the container's, and stay as they are.
    static func booleanValues(_ arguments: [String], command: CommandCatalog.Command) throws(CommandFailure)
        -> [String]
    {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                result += arguments[(index - 1)...]
                break
            }
            guard argument.hasPrefix("-"), argument != "-" else {
                result.append(argument)
                if command.passesThrough {
                    result += arguments[index...]
                    break
                }
                continue
            }
            // `--flag=VALUE`, or cobra's `-f=VALUE` for a one-letter flag.
            let equals = argument.firstIndex(of: "=")
            let isSpelled = equals.map {
                argument.hasPrefix("--") || argument.distance(from: argument.startIndex, to: $0) == 2
            }
            guard let equals, isSpelled == true else {
                result.append(argument)
                // A flag's value is never read as a flag or a positional argument.
                if command.flag(named: argument)?.takesValue == true, index < arguments.count {
                    result.append(arguments[index])
                    index += 1
                }
                continue
            }
            let name = String(argument[..<equals])
            guard let flag = command.flag(named: name), !flag.takesValue else {
                result.append(argument)
                continue
            }
            let value = String(argument[argument.index(after: equals)...])
            do {
                if try GoBool.parse(value) {
                    result.append(name)
                } else if let long = flag.names.first(where: { $0.hasPrefix("--") }),
                    let negation = command.flag(named: "--no-" + long.dropFirst(2)), !negation.takesValue
                {
                    result.append("--no-" + long.dropFirst(2))
                }
            } catch {
                let spelled = flag.names.sorted { $0.count < $1.count }.joined(separator: ", ")
                throw CommandFailure(
                    "invalid argument \"\(value)\" for \"\(spelled)\" flag: strconv.ParseBool: parsing "
                        + "\"\(value)\": invalid syntax")
            }
        }
        return result
    }

    /// The command line of Pier run by the docker CLI as its `compose` plugin (`docker -H … compose up`): the
    /// docker CLI's own flags come first, then `compose`, then Compose's. The docker CLI says so in the
    /// environment, and older ones by the name it runs the plugin under (`docker-compose`). Returns nil for any
    /// other command line.
    static func plugin(_ arguments: [String], environment: [String: String], executable: String? = nil) -> [String]? {
        guard isPlugin(environment: environment, executable: executable) else { return nil }
        let (dockerFlags, rest) = GlobalOptions.split(arguments)
        guard rest.first == "compose" else { return nil }
        return dockerFlags + rest.dropFirst()
    }

    /// Whether the docker CLI runs Pier as its plugin.
    static func isPlugin(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: String? = CommandLine.arguments.first
    ) -> Bool {
        let named = executable.map { ($0 as NSString).lastPathComponent == "docker-compose" } ?? false
        return environment["DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND"] != nil || named
    }
}
