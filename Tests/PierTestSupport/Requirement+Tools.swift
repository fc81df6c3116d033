import Foundation
import Testing

/// The tools the analysis tests check Pier's output with, all installed by `scripts/analysis-tools.sh`.
extension Trait where Self == Requirement {
    /// Graphviz's `dot`, which must render the DOT `pier graph` writes.
    package static var requiresGraphviz: Self {
        Requirement(
            missing: "Graphviz (dot) is not installed", remedy: "run scripts/analysis-tools.sh",
            isMet: { await Probe.graphviz.value })
    }

    /// Python's `jsonschema`, which validates `pier lint --format sarif` against the SARIF 2.1.0 schema.
    package static var requiresJSONSchema: Self {
        Requirement(
            missing: "Python's jsonschema is not installed", remedy: "run scripts/analysis-tools.sh",
            isMet: { await Probe.jsonSchema.value })
    }

    /// compose-lint 0.36.2, whose findings on the seeds Pier's security rules must cover.
    package static var requiresComposeLint: Self {
        Requirement(
            missing: "compose-lint 0.36.2 is not installed", remedy: "run scripts/analysis-tools.sh",
            isMet: { await Probe.composeLint.value })
    }
}

extension Probe {
    static let graphviz = Task<Bool, Never> { await succeeds(["dot", "-V"]) }

    static let jsonSchema = Task<Bool, Never> { await succeeds(["python3", "-c", "import jsonschema"]) }

    static let composeLint = Task<Bool, Never> {
        await succeeds(["python3", "-m", "compose_lint", "--version"], printing: "compose-lint 0.36.2")
    }

    /// Whether `arguments` (looked up on `PATH`) runs and exits 0, having printed `expected` when given.
    static func succeeds(_ arguments: [String], printing expected: String? = nil) async -> Bool {
        let result = try? await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), arguments, in: TestSupport.repositoryRoot,
            environment: ProcessInfo.processInfo.environment)
        guard let result, result.status == 0 else { return false }
        return expected.map { (result.stdout + result.stderr).contains($0) } ?? true
    }
}
