import Foundation
import PierTestSupport
import Testing

/// Every bad input makes `pier config` fail cleanly: exit status 1 (never a crash), a message on standard error,
/// and the file, line and column whenever the mistake is in a compose file.
@Suite struct ConfigErrorTests {
    typealias Fixture = ConfigDifferentialTests.Fixture

    /// Errors about the command line, the environment or the file system, which have no line to point at.
    static let errorsWithoutPosition: Set<String> = [
        "err-compose-file-empty", "err-extends-missing-file", "err-extends-service-not-in-file",
        "err-include-directory", "err-include-env-file-missing", "err-missing-f-file", "err-named-service-unknown",
        "err-no-compose-file", "err-profiles-named-service-profiled-dep", "err-project-name-dir-empty-after-normalize",
        "err-project-name-env-invalid", "err-project-name-flag-underscore-start", "err-project-name-flag-uppercase",
        "err-yaml-comments-only", "err-yaml-empty-file",
    ]

    static let errorFixtures = ConfigDifferentialTests.fixtures.filter {
        $0.expectsError && ConfigDifferentialTests.exceptions[$0.name] == nil
    }

    @Test func thereAreManyBadInputs() {
        #expect(Self.errorFixtures.count >= 40)
    }

    @Test(arguments: errorFixtures)
    func failsWithAnActionableMessage(_ fixture: Fixture) async throws {
        let result = try await TestSupport.run(
            TestSupport.pierBinary, fixture.arguments, in: fixture.directory, environment: fixture.environment,
            stdin: fixture.stdin)
        #expect(result.status == 1, "exit status \(result.status): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        let message = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!message.isEmpty)
        if !Self.errorsWithoutPosition.contains(fixture.name) {
            #expect(
                message.range(of: #"^/\S+:[0-9]+:[0-9]+: "#, options: .regularExpression) != nil,
                "no file:line:column in: \(message)")
        }
    }
}
