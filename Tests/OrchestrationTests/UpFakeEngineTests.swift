import ComposeSpec
import Foundation
import PierTestSupport
import Synchronization
import Testing

@testable import Orchestration

/// `up`'s convergence and waits (`depends_on` conditions, `--wait`) against the fake engine: what starts when,
/// what fails with which message, what a second `up` keeps, with no engine and no timing races.
@Suite struct UpFakeEngineTests {
    /// Loads `yaml` as project `proj` and runs `body` with a runtime on `engine`; the progress it reported too.
    static func withRuntime(
        _ yaml: String, on engine: FakeEngine, _ body: (ProjectRuntime) async throws -> Void
    ) async throws -> [ProgressEvent] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pier-fake-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try yaml.write(to: directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        var options = ProjectOptions(environment: [:], workingDirectory: directory.path)
        options.projectName = "proj"
        let events = Mutex([ProgressEvent]())
        let runtime = try await ProjectRuntime(
            client: engine.client, project: try ProjectLoader.load(options),
            progress: { event in events.withLock { $0.append(event) } })
        try await body(runtime)
        return events.withLock { $0 }
    }

    static let healthyDependency = """
        services:
          db: {image: pier-test/busybox, healthcheck: {test: [CMD, "true"], interval: 1s}}
          web: {image: pier-test/busybox, depends_on: {db: {condition: service_healthy}}}
        """

    @Test func aServiceStartsOnlyOnceItsDependencyIsHealthy() async throws {
        try await FakeEngine.with(lives: ["db": .healthy(after: .milliseconds(300))]) { engine in
            let progress = try await Self.withRuntime(Self.healthyDependency, on: engine) {
                try await $0.up(UpOptions())
            }
            let healthy = try #require(engine.position(of: "healthy proj-db-1"))
            #expect(try #require(engine.position(of: "start proj-db-1")) < healthy)
            #expect(healthy < (engine.position(of: "start proj-web-1") ?? -1), "\(engine.journal)")
            #expect(engine.journal.contains("network proj_default"))
            #expect(progress.contains(.done("Container proj-db-1", "Healthy")))
        }
    }

    @Test(.timeLimit(.minutes(5))) func aHealthEventThatNeverCameIsFoundByLookingAtTheContainer() async throws {
        try await FakeEngine.with(lives: ["db": .healthyUnannounced(after: .milliseconds(100))]) { engine in
            let progress = try await Self.withRuntime(Self.healthyDependency, on: engine) {
                try await $0.up(UpOptions())
            }
            let healthy = try #require(engine.position(of: "healthy proj-db-1"))
            #expect(healthy < (engine.position(of: "start proj-web-1") ?? -1), "\(engine.journal)")
            #expect(progress.contains(.done("Container proj-db-1", "Healthy")))
        }
    }

    @Test func anUnhealthyDependencyFailsTheUpWithItsLastOutput() async throws {
        try await FakeEngine.with(
            lives: ["db": .unhealthy(after: .milliseconds(100))], output: ["db": ["starting", "cannot open data"]]
        ) { engine in
            let error = await #expect(throws: OrchestrationError.self) {
                _ = try await Self.withRuntime(Self.healthyDependency, on: engine) { try await $0.up(UpOptions()) }
            }
            #expect(
                error?.message
                    == "dependency failed to start: container proj-db-1 is unhealthy\n"
                    + "last output of proj-db-1:\n  starting\n  cannot open data")
            #expect(engine.position(of: "start proj-web-1") == nil, "\(engine.journal)")
        }
    }

    static let completedDependency = """
        services:
          migrate: {image: pier-test/busybox}
          web: {image: pier-test/busybox, depends_on: {migrate: {condition: service_completed_successfully}}}
        """

    @Test func aDependencyThatMustCompleteGatesOnItsExitCode() async throws {
        try await FakeEngine.with(lives: ["migrate": .exits(0, after: .milliseconds(200))]) { engine in
            _ = try await Self.withRuntime(Self.completedDependency, on: engine) { try await $0.up(UpOptions()) }
            let exited = try #require(engine.position(of: "exit proj-migrate-1 0"))
            #expect(exited < (engine.position(of: "start proj-web-1") ?? -1), "\(engine.journal)")
        }
        try await FakeEngine.with(
            lives: ["migrate": .exits(3, after: .milliseconds(100))], output: ["migrate": ["no such table"]]
        ) { engine in
            let error = await #expect(throws: OrchestrationError.self) {
                _ = try await Self.withRuntime(Self.completedDependency, on: engine) { try await $0.up(UpOptions()) }
            }
            #expect(
                error?.message
                    == "service \"migrate\" didn't complete successfully: exit 3\n"
                    + "last output of proj-migrate-1:\n  no such table")
            #expect(engine.position(of: "start proj-web-1") == nil)
        }
    }

    @Test func upWaitEndsAtItsTimeoutWhenAServiceNeverTurnsHealthy() async throws {
        let yaml = "services:\n  web: {image: pier-test/busybox, healthcheck: {test: [CMD, \"true\"]}}\n"
        try await FakeEngine.with(lives: ["web": .runs]) { engine in
            var options = UpOptions()
            options.wait = true
            options.waitTimeout = .milliseconds(400)
            let started = ContinuousClock.now
            let error = await #expect(throws: OrchestrationError.self) {
                _ = try await Self.withRuntime(yaml, on: engine) { try await $0.up(options) }
            }
            #expect(error?.message == "timeout waiting for the project to be running and healthy")
            #expect(ContinuousClock.now - started >= .milliseconds(400))
        }
        // Turning healthy within the timeout, the same `up --wait` succeeds.
        try await FakeEngine.with(lives: ["web": .healthy(after: .milliseconds(100))]) { engine in
            var options = UpOptions()
            options.wait = true
            options.waitTimeout = .seconds(20)
            _ = try await Self.withRuntime(yaml, on: engine) { try await $0.up(options) }
            #expect(engine.journal.contains("healthy proj-web-1"))
        }
    }

    @Test func aSecondUpKeepsWhatIsUpToDateAndForceRecreateReplacesIt() async throws {
        let yaml = "services:\n  web: {image: pier-test/busybox, command: sleep 3600}\n"
        try await FakeEngine.with { engine in
            _ = try await Self.withRuntime(yaml, on: engine) { runtime in
                try await runtime.up(UpOptions())
                let first = engine.journal.count
                try await runtime.up(UpOptions())
                #expect(engine.journal.count == first, "a second up changed things: \(engine.journal)")
                var force = UpOptions()
                force.recreate = .always
                try await runtime.up(force)
            }
            let journal = engine.journal
            #expect(journal.filter { $0.hasPrefix("create ") }.count == 2)
            #expect(journal.contains("stop proj-web-1") && journal.contains("remove proj-web-1"))
            #expect(journal.contains { $0.hasPrefix("rename ") && $0.hasSuffix(" proj-web-1") })
        }
    }
}
