import ArgumentParser
import ComposeAnalysis
import ComposeSpec
import DockerEngine
import Foundation
import Orchestration

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find everything `up` would trip on, without changing anything.",
        discussion: """
            Missing env files, bind-mount sources, build contexts and secret files; unset variables; host ports \
            in use or published twice; images that can be neither pulled nor built; external networks and volumes \
            that do not exist; names other projects hold; an engine too old or out of reach. The engine is only \
            read. Exit status 1 when anything would fail (see docs/check.md).
            """)
    var global: GlobalOptions { GlobalOptions.current }

    @Option(help: "Format the output. Values: [text | json]") var format = "text"
    @Flag(help: "Only the checks that need no engine (files, variables, the project's own clashes).")
    var noEngine = false
    @Argument(help: "Services to check, with what they depend on (default: all those `up` would start).")
    var serviceNames: [String] = []

    func run() async throws {
        guard format == "text" || format == "json" else {
            throw ValidationError("unsupported format \"\(format)\": expected text or json")
        }
        var options = global.projectOptions(services: serviceNames)
        options.requireEnvFiles = false
        options.requireUniqueContainerNames = false
        var findings: [Finding] = []
        let raw: LoadedProject
        do {
            raw = try ProjectLoader.loadRaw(options)
        } catch {
            return try finish([Linter.finding(for: error)])
        }
        let variables = ProjectLoader.variableIssues(in: raw)
        do {
            let project = try ProjectLoader.load(options)
            // Unset variables are `variable-unset` findings (from the raw files, with those of inactive services).
            findings += project.warnings.filter { $0.unsetVariable == nil }.map {
                Finding(rule: "compose-warning", severity: .warning, $0)
            }
            findings += ProjectCheck.findings(project: project, raw: raw, variables: variables)
            if !noEngine { findings += await Self.engineFindings(project) }
        } catch {
            // A missing required variable stops the load: every one of them is reported, not only the first.
            let variableFindings = variables.map(ProjectCheck.finding(for:))
            findings += variableFindings
            // A service behind an inactive profile is interpolated too: its required variable is only in the error.
            if error.code != .missingVariable || !variableFindings.contains(where: { $0.rule == "variable-required" }) {
                findings.append(Linter.finding(for: error))
            }
        }
        try finish(Finding.sorted(findings))
    }

    /// The checks that ask the engine; an engine out of reach is one finding.
    static func engineFindings(_ project: LoadedProject) async -> [Finding] {
        do {
            let global = GlobalOptions.current
            let client = try EngineSelection.client(global)
            var runtime = try await ProjectRuntime(
                client: client, project: project, nameSeparator: global.nameSeparator, progress: { _ in })
            runtime.credentials = CredentialStore(environment: EngineSelection.environment(global))
            return await runtime.check()
        } catch {
            return [
                Finding(
                    rule: "engine-unreachable", severity: .error,
                    message: "cannot reach the container engine: \(error)")
            ]
        }
    }

    private func finish(_ findings: [Finding]) throws {
        let report = FindingReport(findings: findings, baseDirectory: FileManager.default.currentDirectoryPath)
        Output.write(format == "json" ? report.json() : report.text())
        if findings.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
