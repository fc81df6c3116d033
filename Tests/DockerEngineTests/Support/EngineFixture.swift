import Foundation
import PierTestSupport
import Testing

@testable import DockerEngine

/// An engine client, unique names and cleanup for one test.
struct EngineFixture: Sendable {
    static let image = "pier-test/busybox:latest"
    /// A label on everything the tests create, to find leftovers: `docker ps -a --filter label=pier.test`.
    static let testLabel = "pier.test"

    let engine: EngineClient
    let cleanup: CleanupStack

    /// Runs `body` with a fixture, then cleans up in reverse order, also when `body` throws.
    static func with<Result: Sendable>(_ body: (EngineFixture) async throws -> Result) async throws -> Result {
        let engine = try EngineClient.fromEnvironment()
        return try await CleanupStack.with { cleanup in
            try await body(EngineFixture(engine: engine, cleanup: cleanup))
        }
    }

    /// `pier-test-<purpose>-<random>`.
    func uniqueName(_ purpose: String) -> String {
        "pier-test-\(purpose)-\(String(UInt32.random(in: .min ... .max), radix: 16))"
    }

    /// Creates a busybox container (removed at cleanup) and starts it unless `start` is false.
    func makeContainer(
        _ command: [String], name: String? = nil, start: Bool = true, extra: [String: JSONValue] = [:]
    ) async throws -> String {
        var body: [String: JSONValue] = [
            "Image": .string(Self.image), "Cmd": .array(command.map(JSONValue.string)),
            "Labels": [Self.testLabel: "DockerEngineTests"],
        ]
        body.merge(extra) { _, new in new }
        let created = try await engine.createContainer(name: name ?? uniqueName("container"), body: .object(body))
        let engine = self.engine
        await cleanup.push { try? await engine.removeContainer(created.id, force: true, volumes: true) }
        if start { try await engine.startContainer(created.id) }
        return created.id
    }

    /// Reads frames until the stream ends.
    static func collect<Frames: AsyncSequence>(_ frames: Frames) async throws -> [OutputFrame]
    where Frames.Element == OutputFrame {
        var all: [OutputFrame] = []
        for try await frame in frames { all.append(frame) }
        return all
    }

    static func text(_ frames: [OutputFrame], _ source: OutputFrame.Source) -> String {
        frames.filter { $0.source == source }.map(\.text).joined()
    }
}
