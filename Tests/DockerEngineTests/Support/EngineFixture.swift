import Foundation
import Testing

@testable import DockerEngine

/// Whether an engine answers here. Engine tests skip without one, except with CI=true, where they run (and fail).
enum EngineAvailability {
    static let answers = Task<Bool, Never> {
        guard let client = try? EngineClient.fromEnvironment() else { return false }
        return (try? await client.ping()) != nil
    }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only where a Docker engine answers (always with CI=true, so a missing engine fails there).
    static var requiresEngine: Self {
        .enabled(
            "no Docker engine answers here (DOCKER_HOST, docker context or /var/run/docker.sock); with CI=true this fails instead"
        ) {
            if EngineAvailability.isCI { return true }
            return await EngineAvailability.answers.value
        }
    }
}

/// Undo actions run in reverse order when a test ends, whether it passed, failed or threw.
actor CleanupStack {
    private var actions: [@Sendable () async -> Void] = []

    func push(_ action: @escaping @Sendable () async -> Void) {
        actions.append(action)
    }

    func run() async {
        while let action = actions.popLast() { await action() }
    }
}

/// An engine client, unique names and cleanup for one test.
struct EngineFixture: Sendable {
    static let image = "pier-test/busybox:latest"
    /// A label on everything the tests create, to find leftovers: `docker ps -a --filter label=pier.test`.
    static let testLabel = "pier.test"

    let engine: EngineClient
    let cleanup = CleanupStack()

    /// Runs `body` with a fixture, then cleans up in reverse order, also when `body` throws.
    static func with<Result: Sendable>(_ body: (EngineFixture) async throws -> Result) async throws -> Result {
        let fixture = EngineFixture(engine: try EngineClient.fromEnvironment())
        do {
            let result = try await body(fixture)
            await fixture.cleanup.run()
            return result
        } catch {
            await fixture.cleanup.run()
            throw error
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

/// Fails with a timeout error when `body` takes longer than `seconds`.
func withTimeout<Result: Sendable>(
    _ seconds: Double, _ what: String, _ body: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw TestSetupError("timed out after \(seconds) s: \(what)")
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw TestSetupError("no result: \(what)") }
        return first
    }
}
