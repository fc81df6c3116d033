import ArgumentParser
import PierTestSupport
import Testing

@testable import PierCLI

/// Every command and flag of the reference's `--help` is Pier's, taking its value in the same form, but for the
/// deliberate differences `docs/cli-differences.md` lists with their reasons.
@Suite(.requiresReference)
struct CommandSurfaceTests {
    @Test func everyReferenceCommandAndFlagIsPiers() async throws {
        let reference = try await ReferenceHelp.load(try await TestSupport.requireReference())
        let differences = try DeliberateDifferences.load()
        var problems = Self.compare(
            reference.globalFlags, with: CommandCatalog.global, command: "pier", differences: differences)
        for command in reference.commands where !differences.excuses(command: command.name) {
            guard let pier = CommandCatalog.pier.command(command.name) else {
                problems.append("`\(command.name)`: no such command in Pier")
                continue
            }
            problems += Self.compare(command.flags, with: pier, command: command.name, differences: differences)
        }
        #expect(problems.isEmpty, Comment(rawValue: problems.joined(separator: "\n")))
    }

    /// A row of the differences file that no longer describes a difference is stale: it must go.
    @Test func everyListedDifferenceIsStillOne() async throws {
        let reference = try await ReferenceHelp.load(try await TestSupport.requireReference())
        for row in try DeliberateDifferences.load().rows {
            let commands = row.command == "*" ? reference.commands.map(\.name) + ["pier"] : [row.command]
            for name in commands {
                let flags =
                    name == "pier" ? reference.globalFlags : reference.commands.first { $0.name == name }?.flags ?? []
                let pier = name == "pier" ? CommandCatalog.global : CommandCatalog.pier.command(name)
                if let flag = row.flag {
                    guard flags.contains(where: { "--" + $0.long == flag }) else { continue }
                    #expect(
                        pier?.flag(named: flag) == nil, "\(name) \(flag) is listed as a difference, but Pier has it")
                } else {
                    #expect(
                        reference.commands.contains { $0.name == name } && pier == nil,
                        "\(name) is listed as a difference, but the reference lacks it or Pier has it")
                }
            }
        }
    }

    /// What differs between the reference's flags and a Pier command's.
    static func compare(
        _ flags: [ReferenceHelp.Flag], with pier: CommandCatalog.Command, command: String,
        differences: DeliberateDifferences
    ) -> [String] {
        var problems: [String] = []
        for flag in flags where !differences.excuses(command: command, flag: "--" + flag.long) {
            let name = "`\(command) --\(flag.long)`"
            guard let piers = pier.flag(named: "--" + flag.long) else {
                problems.append("\(name): missing")
                continue
            }
            if let short = flag.short, !piers.names.contains("-" + short) {
                problems.append("\(name): missing its short form -\(short)")
            }
            if piers.takesValue != (flag.valueType != nil) {
                problems.append("\(name): the reference's takes \(flag.valueType ?? "no value"), Pier's does not")
            }
            if flag.isRepeating, !piers.isRepeating {
                problems.append("\(name): the reference's may be repeated (\(flag.valueType ?? "")), Pier's may not")
            }
            if flag.valueType == "int", !refusesNonNumbers(command: command, flag: "--" + flag.long) {
                problems.append("\(name): the reference's takes a number, Pier's takes any text")
            }
        }
        return problems
    }

    /// Whether Pier refuses `x` for `flag` while parsing, as it refuses a number flag's non-number.
    static func refusesNonNumbers(command: String, flag: String) -> Bool {
        do {
            if command == "pier" {
                _ = try GlobalCommand.parse([flag, "x"])
            } else {
                _ = try Pier.parseAsRoot([command, flag, "x"])
            }
            return false
        } catch {
            return Pier.message(for: error).contains("'x'")
        }
    }
}
