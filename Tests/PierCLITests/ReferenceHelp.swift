import Foundation
import PierTestSupport

/// The commands and flags the reference Docker Compose shows in its `--help`, as cobra prints them:
/// `  -t, --timeout int   Specify a shutdown timeout in seconds` under `Options:`.
struct ReferenceHelp {
    struct Flag: Hashable {
        var long: String
        var short: String?
        /// cobra's name for the value (`string`, `int`, `stringArray`, `list`…); nil for a boolean flag.
        var valueType: String?

        /// Whether the flag may be given several times.
        var isRepeating: Bool { ["stringArray", "list", "scale", "filter"].contains(valueType ?? "") }
    }

    struct Command {
        var name: String
        var flags: [Flag]
    }

    var globalFlags: [Flag]
    var commands: [Command]

    /// Runs `--help` of the root command and of every command it lists.
    static func load(_ reference: URL) async throws -> ReferenceHelp {
        let root = try await help(reference, [])
        var commands: [Command] = []
        for name in commandNames(in: root) {
            commands.append(Command(name: name, flags: flags(in: try await help(reference, [name]))))
        }
        return ReferenceHelp(globalFlags: flags(in: root), commands: commands)
    }

    private static func help(_ reference: URL, _ command: [String]) async throws -> String {
        let result = try await TestSupport.run(
            reference, command + ["--help"], in: FileManager.default.temporaryDirectory,
            environment: TestSupport.baseEnvironment)
        guard result.status == 0 else {
            throw TestSetupError("\(command) --help failed: \(result.stderr)")
        }
        return result.stdout
    }

    /// The names under `Commands:` and `Management Commands:`.
    static func commandNames(in help: String) -> [String] {
        var names: [String] = []
        var inSection = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasSuffix("Commands:") {
                inSection = true
                continue
            }
            guard inSection else { continue }
            guard line.hasPrefix("  "), let name = line.split(separator: " ").first else {
                inSection = false
                continue
            }
            names.append(String(name))
        }
        return names
    }

    /// The flags under `Options:`.
    static func flags(in help: String) -> [Flag] {
        let pattern = #"^\s+(?:-(\w), )?--([\w-]+)(?: (\w+))?(?:\s{2,}|$)"#
        let expression = try! NSRegularExpression(pattern: pattern)
        var flags: [Flag] = []
        var inOptions = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line == "Options:" {
                inOptions = true
                continue
            }
            if !line.isEmpty, !line.hasPrefix(" ") { inOptions = false }
            guard inOptions,
                let match = expression.firstMatch(in: line, range: NSRange(line.startIndex..., in: line))
            else { continue }
            func group(_ index: Int) -> String? {
                Range(match.range(at: index), in: line).map { String(line[$0]) }
            }
            guard let long = group(2) else { continue }
            flags.append(Flag(long: long, short: group(1), valueType: group(3)))
        }
        return flags
    }
}

/// The rows of `docs/cli-differences.md`: a command (`*` for every command and the global flags), a flag or
/// nothing (the whole command), and the reason.
struct DeliberateDifferences {
    struct Row: Hashable {
        var command: String
        var flag: String?
    }

    var rows: [Row]

    static func load() throws -> DeliberateDifferences {
        let file = TestSupport.repositoryRoot.appendingPathComponent("docs/cli-differences.md")
        var rows: [Row] = []
        for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["`"])
            }
            guard cells.count >= 4 else { continue }
            rows.append(Row(command: cells[1], flag: cells[2].isEmpty ? nil : cells[2]))
        }
        return DeliberateDifferences(rows: rows)
    }

    /// Whether the file lists `flag` of `command` (or the whole command) as a difference.
    func excuses(command: String, flag: String? = nil) -> Bool {
        rows.contains { row in
            guard let excused = row.flag else { return row.command == command }
            return (row.command == command || row.command == "*") && excused == flag
        }
    }
}
