import Foundation
import PierTestSupport
import Testing

/// `pier config` on each seed fixture, as the seed runs it, says what Docker Compose's says.
@Suite struct SeedConfigTests {
    static let cases: [[String]] = [
        ["000", "-f", "podman-compose.yml"],
        ["001", "-f", "compose/docker-compose.dev.yml", "--env-file", "env/.env.dev"],
        [
            "001", "-f", "compose/docker-compose.dev.yml", "-f", "compose/docker-compose.prod.yml", "--env-file",
            "env/.env.dev",
        ],
        ["002"],
        ["003"],
        ["003", "--profile", "postgres", "--profile", "ssl"],
        ["004"],
        ["004", "-f", "docker-compose.yml", "-f", "docker-compose.scale.yml", "-f", "docker-compose.noports.yml"],
    ]

    @Test(.requiresReference, arguments: cases)
    func configMatchesTheReference(_ arguments: [String]) async throws {
        let reference = try await TestSupport.requireReference()
        let directory = TestSupport.fixtures.appendingPathComponent("seeds/\(arguments[0])")
        let command = Array(arguments.dropFirst()) + ["config", "--format", "json"]
        let environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/root",
        ]
        let pier = try await TestSupport.run(TestSupport.pierBinary, command, in: directory, environment: environment)
        let expected = try await TestSupport.run(reference, command, in: directory, environment: environment)
        try #require(expected.status == 0, "\(expected.stderr)")
        try #require(pier.status == 0, "\(pier.stderr)")
        let pierJSON = try JSONSerialization.jsonObject(with: Data(pier.stdout.utf8)) as? NSDictionary
        let referenceJSON = try JSONSerialization.jsonObject(with: Data(expected.stdout.utf8)) as? NSDictionary
        #expect(pierJSON != nil && pierJSON == referenceJSON, "pier:\n\(pier.stdout)\nreference:\n\(expected.stdout)")
    }
}
