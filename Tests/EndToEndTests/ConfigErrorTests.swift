import Foundation
import PierTestSupport
import Testing

/// Every bad input makes `pier config` fail cleanly: exit status 1 (never a crash), a message on standard error,
/// and the file, line and column of the mistake: the ones its fixture's `expect-error` names (`compose.yaml:4:7`),
/// or none when it names none (a mistake on the command line, in the environment or in the file system).
@Suite struct ConfigErrorTests {
    typealias Fixture = ConfigDifferentialTests.Fixture

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
        try Self.expectError(result.stderr, at: fixture.expectedErrorPosition, in: fixture)
    }

    /// What loading warned about before the error is printed before it, as Compose prints it.
    @Test func warnsBeforeItFails() async throws {
        let fixture = try #require(Self.errorFixtures.first { $0.name == "err-image-empty-no-build" })
        let result = try await TestSupport.run(
            TestSupport.pierBinary, fixture.arguments, in: fixture.directory, environment: fixture.environment)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2, "\(result.stderr)")
        #expect(
            lines.first?.hasSuffix(
                "/compose.yaml:4:12: The \"UNSET_IMAGE\" variable is not set. Defaulting to a blank string.") == true)
    }

    /// The error is the first line that is not a warning; it starts with `<directory>/<position>: `, or with no
    /// position at all when `position` is nil.
    static func expectError(_ stderr: String, at position: String?, in fixture: Fixture) throws {
        let lines = stderr.split(separator: "\n").filter { !$0.hasPrefix("WARN[") }
        let message = try #require(lines.first.map(String.init), "no error message: \(stderr)")
        if let position {
            let prefix = fixture.directory.path + "/" + position + ": "
            #expect(message.hasPrefix(prefix), "expected the error at \(position): \(message)")
        } else {
            #expect(
                message.range(of: #"^\S+:[0-9]+:[0-9]+: "#, options: .regularExpression) == nil,
                "expected no position (the mistake is not in a file): \(message)")
        }
    }
}
