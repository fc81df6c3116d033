import ArgumentParser
import Foundation

/// Pier's commands and their flags, as ArgumentParser describes them (`--experimental-dump-help`): what the
/// command line normalization, the shell completions and the comparison with the reference's help read.
struct CommandCatalog: Sendable {
    /// One command: its name, what it does, its flags and whether it takes positional arguments.
    struct Command: Sendable {
        var name: String
        var abstract: String
        var isHidden: Bool
        var flags: [Flag]
        /// Whether its last positional argument takes everything after it (`exec`, `run`): flags after the first
        /// positional argument belong to the container's command.
        var passesThrough: Bool
        var takesArguments: Bool

        /// The flag named `name` (`-d`, `--detach`).
        func flag(named name: String) -> Flag? {
            flags.first { $0.names.contains(name) }
        }
    }

    /// One flag: its spellings, whether it takes a value and whether it may be repeated.
    struct Flag: Sendable, Hashable {
        var names: [String]
        var takesValue: Bool
        var isRepeating: Bool
        var isHidden: Bool
        var abstract: String
    }

    var commands: [Command]

    /// The catalog of the `pier` command's subcommands.
    static let pier = CommandCatalog(dump: Pier._dumpHelp())
    /// The global flags, as their own command.
    static let global: Command = CommandCatalog(dump: GlobalCommand._dumpHelp(), subcommands: false).commands[0]

    func command(_ name: String) -> Command? {
        commands.first { $0.name == name }
    }

    /// The commands of `dump` (the subcommands of its root, or the root itself).
    init(dump: String, subcommands: Bool = true) {
        let tool = try? JSONDecoder().decode(ToolDump.self, from: Data(dump.utf8))
        let roots = subcommands ? tool?.command.subcommands ?? [] : tool.map { [$0.command] } ?? []
        commands = roots.map(Self.command)
    }

    private static func command(_ info: ToolDump.CommandInfo) -> Command {
        let arguments = info.arguments ?? []
        let flags = arguments.filter { $0.kind != "positional" }.compactMap { argument -> Flag? in
            let names = (argument.names ?? []).map { ($0.kind == "short" ? "-" : "--") + $0.name }
            guard !names.isEmpty, !names.contains("--help"), !names.contains("--experimental-dump-help") else {
                return nil
            }
            return Flag(
                names: names, takesValue: argument.kind == "option", isRepeating: argument.isRepeating,
                isHidden: !argument.shouldDisplay, abstract: argument.abstract ?? "")
        }
        let positionals = arguments.filter { $0.kind == "positional" }
        return Command(
            name: info.commandName, abstract: info.abstract ?? "", isHidden: info.shouldDisplay == false,
            flags: flags, passesThrough: positionals.contains { $0.parsingStrategy == "allRemainingInput" },
            takesArguments: !positionals.isEmpty)
    }
}

/// The part of ArgumentParser's help dump the catalog reads.
private struct ToolDump: Decodable {
    struct CommandInfo: Decodable {
        var commandName: String
        var abstract: String?
        var shouldDisplay: Bool?
        var subcommands: [CommandInfo]?
        var arguments: [ArgumentInfo]?
    }

    struct ArgumentInfo: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }

        var kind: String
        var shouldDisplay: Bool
        var isRepeating: Bool
        var parsingStrategy: String
        var names: [Name]?
        var abstract: String?
    }

    var command: CommandInfo
}

/// The global flags as a command named `pier`, so that their usage and errors name Pier.
struct GlobalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pier")

    @OptionGroup var options: GlobalOptions
}
