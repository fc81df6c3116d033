import ComposeSpec
import Foundation
import PierTestSupport
import Testing

@testable import Orchestration

/// The order of `up` and `start` as Docker Compose 2.40 keeps it (checked against the reference on the same
/// projects): every container is created before any starts, `start` takes the dependencies along and waits for
/// their conditions, and `up --wait` waits for one-shots to complete.
extension UpFakeEngineTests {
    static let chain = """
        services:
          db: {image: pier-test/busybox, healthcheck: {test: [CMD, "true"], interval: 1s}}
          web: {image: pier-test/busybox, depends_on: {db: {condition: service_healthy}}}
          front: {image: pier-test/busybox, depends_on: [web]}
        """

    @Test func upCreatesEveryContainerBeforeStartingAny() async throws {
        try await FakeEngine.with(lives: ["db": .healthy(after: .milliseconds(100))]) { engine in
            _ = try await Self.withRuntime(Self.chain, on: engine) { try await $0.up(UpOptions()) }
            let journal = engine.journal
            let lastCreate = try #require(journal.lastIndex { $0.hasPrefix("create ") })
            let firstStart = try #require(journal.firstIndex { $0.hasPrefix("start ") })
            #expect(lastCreate < firstStart, "\(journal)")
            // Created and started in dependency order.
            #expect(
                journal.filter { $0.hasPrefix("create ") } == [
                    "create proj-db-1", "create proj-web-1", "create proj-front-1",
                ])
            #expect(
                journal.filter { $0.hasPrefix("start ") } == [
                    "start proj-db-1", "start proj-web-1", "start proj-front-1",
                ])
        }
    }

    @Test func startTakesTheDependenciesAlongAndWaitsForTheirConditions() async throws {
        try await FakeEngine.with(lives: ["db": .healthy(after: .milliseconds(300))]) { engine in
            _ = try await Self.withRuntime(Self.chain, on: engine) { runtime in
                var options = UpOptions()
                options.start = false
                try await runtime.up(options)
                try await runtime.start(["web"])
            }
            let healthy = try #require(engine.position(of: "healthy proj-db-1"), "\(engine.journal)")
            #expect(try #require(engine.position(of: "start proj-db-1")) < healthy)
            #expect(healthy < (engine.position(of: "start proj-web-1") ?? -1), "\(engine.journal)")
            #expect(engine.position(of: "start proj-front-1") == nil, "front depends on web, not web on front")
        }
    }

    @Test func startFailsBeforeAnythingStartsWhenADependencyHasNoContainer() async throws {
        try await FakeEngine.with { engine in
            let error = await #expect(throws: OrchestrationError.self) {
                _ = try await Self.withRuntime(Self.chain, on: engine) { runtime in
                    var options = UpOptions()
                    options.start = false
                    options.services = ["front"]
                    options.noDeps = true
                    try await runtime.up(options)
                    try await runtime.start(["front"])
                }
            }
            #expect(error?.message == "service \"db\" has no container to start")
            #expect(!engine.journal.contains { $0.hasPrefix("start ") }, "\(engine.journal)")
        }
    }

    static let oneShots = """
        services:
          migrate: {image: pier-test/busybox}
          app: {image: pier-test/busybox, depends_on: {migrate: {condition: service_completed_successfully}}}
          seed: {image: pier-test/busybox}
        """

    @Test func upWaitTakesAOneShotOthersWaitForAsDoneOnceItExitedZero() async throws {
        try await FakeEngine.with(lives: ["migrate": .exits(0, after: .milliseconds(100))]) { engine in
            var options = UpOptions()
            options.wait = true
            options.services = ["app"]
            let progress = try await Self.withRuntime(Self.oneShots, on: engine) { try await $0.up(options) }
            #expect(progress.contains(.done("Container proj-migrate-1", "Exited")))
            #expect(progress.contains(.done("Container proj-app-1", "Healthy")))
        }
    }

    /// A one-shot nothing waits for fails `--wait` even with status 0, as the reference's does.
    @Test func upWaitFailsOnAOneShotNothingWaitsFor() async throws {
        try await FakeEngine.with(
            lives: ["migrate": .exits(0, after: .milliseconds(50)), "seed": .exitsAtOnce(0)]
        ) { engine in
            var options = UpOptions()
            options.wait = true
            let error = await #expect(throws: OrchestrationError.self) {
                _ = try await Self.withRuntime(Self.oneShots, on: engine) { try await $0.up(options) }
            }
            #expect(error?.message == "container proj-seed-1 exited (0)")
        }
    }
}
