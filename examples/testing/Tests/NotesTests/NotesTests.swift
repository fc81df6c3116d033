import Foundation
import PierTesting
import Testing

/// The stack of `stack/compose.yaml`, next to this package's tests.
enum Stack {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("stack")
}

/// One PostgreSQL for the whole suite, healthy before the first test runs.
@Suite(.composeStack(at: Stack.directory))
struct NotesTests {
    let stack: ComposeStack

    init() throws {
        stack = try ComposeStack.current
    }

    @Test func theInitScriptFilledTheTable() async throws {
        let result = try await stack.exec(
            service: "db", ["psql", "-U", "postgres", "-d", "notes", "-tAc", "SELECT text FROM notes ORDER BY id"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("written by db/init.sql\n"))
    }

    @Test func aClientOnTheHostReachesThePublishedPort() async throws {
        let (host, port) = try await stack.endpoint(service: "db", port: 5432)
        let inserted = try await psql(
            host: host, port: port, "INSERT INTO notes (text) VALUES ('from the host') RETURNING id")
        #expect(Int(inserted.trimmingCharacters(in: .whitespacesAndNewlines)) != nil, "\(inserted)")
        #expect(
            try await psql(host: host, port: port, "SELECT count(*) FROM notes WHERE text = 'from the host'") != "0\n")
    }

    @Test func theDatabaseSaysItIsReady() async throws {
        try await stack.wait(for: .log("database system is ready to accept connections", service: "db"))
        try await stack.wait(for: .port(5432, service: "db"), timeout: .seconds(5))
    }
}

/// Runs `psql` on the host against `host:port` and returns what it printed (`-qtA`: values only).
func psql(host: String, port: Int, _ sql: String) async throws -> String {
    let output = try await Command.run(
        "/usr/bin/env", ["psql", "-h", host, "-p", String(port), "-U", "postgres", "-d", "notes", "-qtAc", sql],
        environment: ["PGPASSWORD": "example"])
    guard output.status == 0 else { throw CommandFailure(description: "psql failed: \(output.text)") }
    return output.text
}
