import ArgumentParser
import ComposeAnalysis
import ComposeSpec
import Foundation

struct Lint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check the project against security, reliability, portability and style rules.",
        discussion: """
            Rules run on the loaded project (merged, interpolated, with extends and include), every service \
            whatever its profiles unless --profile names some; findings point at the file, line and column \
            the value was written at. Turn rules off with `# pier-lint disable=ID` comments or .pier-lint.yaml \
            (see docs/lint.md).
            """)
    var global: GlobalOptions { GlobalOptions.current }

    @Option(help: "Format the output. Values: [text | json | sarif]") var format = "text"
    @Option(help: "Print the documentation of a rule and exit.") var explain: String?
    @Flag(help: "List the rules and exit.") var listRules = false
    @Flag(help: "Apply the safe fixes to the files.") var fix = false
    @Flag(help: "With --fix: print the fixes as a unified diff, change nothing.") var dryRun = false
    @Option(help: "Lint config file (default: .pier-lint.yaml in the project directory).") var config: String?
    @Option(help: "Exit with status 1 when a finding is at least this severe. Values: [error | warning | info | never]")
    var failOn = "error"

    func run() async throws {
        if let explain { return try Self.explain(explain) }
        if listRules { return Output.write(Self.ruleTable()) }
        guard ["text", "json", "sarif"].contains(format) else {
            throw ValidationError("unsupported format \"\(format)\": expected text, json or sarif")
        }
        guard failOn == "never" || Severity(rawValue: failOn) != nil else {
            throw ValidationError("unsupported --fail-on \"\(failOn)\": expected error, warning, info or never")
        }
        if dryRun, !fix { throw ValidationError("--dry-run goes with --fix") }
        var findings = try lint()
        if fix {
            let fixes = FixSet(findings: findings.findings, sources: findings.context.sources)
            if dryRun { return Output.write(fixes.diff(baseDirectory: Self.currentDirectory)) }
            for (path, text) in fixes.fixedTexts {
                guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
                    throw CommandFailure("cannot write \(path)")
                }
            }
            Output.writeError("fixed \(fixes.appliedCount) problem(s)\n")
            findings = try lint()
        }
        Output.write(render(findings.findings))
        let threshold = Severity(rawValue: failOn)
        if let threshold, findings.findings.contains(where: { $0.severity >= threshold }) { throw ExitCode(1) }
    }

    /// The findings of the project. A project that does not load fails the command: its error alone in text, as
    /// the one finding in the other formats.
    private func lint() throws -> (findings: [Finding], context: LintContext) {
        var options = global.projectOptions()
        if options.profiles.isEmpty { options.profiles = ["*"] }
        // The `duplicate-container-name` rule reports a shared name, among the other findings.
        options.requireUniqueContainerNames = false
        let project: LoadedProject
        do {
            project = try ProjectLoader.load(options)
        } catch {
            if format == "text" { throw error }
            Output.write(render([Linter.finding(for: error)]))
            throw ExitCode(1)
        }
        let linter =
            if let config {
                Linter(config: try LintConfig.load(config))
            } else {
                Linter(config: try LintConfig.discover(in: project.workingDirectory))
            }
        let context = LintContext(project: project)
        return (linter.lint(context), context)
    }

    private func render(_ findings: [Finding]) -> String {
        switch format {
        case "json":
            let categories = Dictionary(uniqueKeysWithValues: LintRule.all.map { ($0.id, $0.category.rawValue) })
            return FindingReport(findings: findings, baseDirectory: Self.currentDirectory, categories: categories)
                .json()
        case "sarif":
            return SARIFReport(
                findings: findings, baseDirectory: Self.currentDirectory, toolVersion: PierVersion.current
            )
            .json()
        default:
            return FindingReport(findings: findings, baseDirectory: Self.currentDirectory).text()
        }
    }

    static var currentDirectory: String { FileManager.default.currentDirectoryPath }

    static func explain(_ id: String) throws {
        guard let rule = LintRule.named(id) else {
            throw ValidationError("unknown lint rule \"\(id)\" (pier lint --list-rules)")
        }
        var text = "\(rule.id): \(rule.title)\n\n"
        text += "severity: \(rule.severity.rawValue)  category: \(rule.category.rawValue)"
        text += rule.enabledByDefault ? "" : "  (off by default)"
        text += rule.fixable ? "  fixable with --fix" : ""
        Output.write(text + "\n\n" + rule.explanation + "\n")
    }

    /// One line per rule: id, severity, category, title.
    static func ruleTable() -> String {
        let rows =
            [["RULE", "SEVERITY", "CATEGORY", "TITLE"]]
            + LintRule.all.map { rule in
                [
                    rule.id, rule.severity.rawValue, rule.category.rawValue,
                    rule.title + (rule.enabledByDefault ? "" : " (off by default)"),
                ]
            }
        return TableFormatter.processes.render(rows)
    }
}
