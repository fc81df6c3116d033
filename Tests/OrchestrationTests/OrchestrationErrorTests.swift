import ComposeSpec
import DockerEngine
import Synchronization
import Testing

@testable import Orchestration

/// Errors that carry their cause, and fan-outs that report every failure.
struct OrchestrationErrorTests {
    static let location = SourceLocation(file: "/p/compose.yaml", line: 4, column: 7)

    @Test func describesTheLocationBeforeTheMessage() {
        let error = OrchestrationError.service("web", .unsupported, "models are not supported", at: Self.location)
        #expect(error.message == "service \"web\": models are not supported")
        #expect(error.service == "web")
        #expect(error.description == "/p/compose.yaml:4:7: service \"web\": models are not supported")
        #expect(OrchestrationError(.notFound, "no such directory").description == "no such directory")
    }

    @Test func aWarningEventNamesWhereTheValueIsWritten() {
        let warning = ComposeWarning("service \"web\": credential_spec is ignored", at: Self.location)
        let event = ProgressEvent.warning("Container p-web-1", warning)
        #expect(event.status == .warning)
        #expect(event.text == "Warning")
        #expect(event.detail == "/p/compose.yaml:4:7: service \"web\": credential_spec is ignored")
    }

    @Test func keepsTheUnderlyingError() {
        let cause = EngineError(.conflict, status: 409, message: "name in use")
        let error = OrchestrationError(.conflict, "the name is taken", service: "web", underlying: cause)
        #expect((error.underlying as? EngineError)?.status == 409)
        #expect(error.description == "the name is taken")
    }

    @Test func combiningNoFailureOrOne() {
        #expect(AggregateError.combining([]) == nil)
        let one = OrchestrationError(.engine, "boom", service: "db")
        #expect((AggregateError.combining([one]) as? OrchestrationError)?.message == "boom")
    }

    @Test func combiningSortsByServiceAndNamesEach() throws {
        let failures: [any Error] = [
            OrchestrationError(.engine, "cannot stop: permission denied", service: "web"),
            OrchestrationError.service("api", .buildFailed, "build failed: exit 1"),
            OrchestrationError(.notRunning, "service \"db\" is not running", service: "db"),
        ]
        let combined = try #require(AggregateError.combining(failures) as? AggregateError)
        #expect(combined.errors.count == 3)
        #expect(
            combined.description == """
                service "api": build failed: exit 1
                service "db" is not running
                service "web": cannot stop: permission denied
                """)
    }

    @Test func failuresThatFollowFromAnotherAreLeftOut() {
        let root = OrchestrationError(.engine, "port is already allocated", service: "db")
        let failures: [any Error] = [
            OrchestrationError(.dependencyNotReady, "port is already allocated", service: "db", underlying: root),
            root, CancellationError(),
        ]
        #expect((AggregateError.combining(failures) as? OrchestrationError)?.code == .engine)
        // Alone, such a failure is still reported.
        let alone = AggregateError.combining([CancellationError()])
        #expect(alone is CancellationError)
    }

    @Test func aFanOutRunsEveryItemAndReportsEveryFailure() async throws {
        let ran = Mutex<[Int]>([])
        await #expect {
            try await forEachConcurrently(Array(1...6), limit: 2) { item in
                ran.withLock { $0.append(item) }
                if item % 3 == 0 { throw OrchestrationError(.engine, "item \(item) failed", service: "s\(item)") }
            }
        } throws: { error in
            let aggregate = error as? AggregateError
            return aggregate?.errors.map { ($0 as? OrchestrationError)?.message } == ["item 3 failed", "item 6 failed"]
        }
        #expect(ran.withLock { $0.sorted() } == [1, 2, 3, 4, 5, 6])
    }

    @Test func aFanOutHonoursItsLimit() async throws {
        let counts = Mutex((current: 0, highest: 0))
        try await forEachConcurrently(Array(0..<8), limit: 3) { _ in
            counts.withLock {
                $0.current += 1
                $0.highest = max($0.highest, $0.current)
            }
            try await Task.sleep(for: .milliseconds(10))
            counts.withLock { $0.current -= 1 }
        }
        #expect(counts.withLock { $0.highest } == 3)
    }

    @Test func thoseWaitingForAFailedServiceFailWithItsCause() async throws {
        let barrier = ServiceBarrier()
        let cause = OrchestrationError(.engine, "port is already allocated", service: "db")
        await #expect(throws: OrchestrationError.self) { try await barrier.run("db") { throw cause } }
        let error = await #expect(throws: OrchestrationError.self) { try await barrier.waitFor("db") }
        #expect(error?.code == .dependencyNotReady)
        #expect(error?.message == "port is already allocated")
        #expect((error?.underlying as? OrchestrationError)?.code == .engine)
    }
}
