import Foundation
import Testing

@testable import Orchestration

/// The project lock: one holder per project and engine; the next waits, told who holds it.
@Suite struct ProjectLockTests {
    static func environment() -> [String: String] {
        ["PIER_LOCK_DIR": FileManager.default.temporaryDirectory.appendingPathComponent("pier-locks-\(UUID())").path]
    }

    @Test func theNextWaitsUntilTheHolderReleases() async throws {
        let environment = Self.environment()
        let first = try await ProjectLock.acquire(
            project: "demo", command: "pier up -d", environment: environment)
        let (waits, waiting) = AsyncStream.makeStream(of: ProjectLock.Holder.self)
        let second = Task {
            try await ProjectLock.acquire(
                project: "demo", command: "pier down", environment: environment,
                onWait: { waiting.yield($0) })
        }
        var iterator = waits.makeAsyncIterator()
        let holder = await iterator.next()
        #expect(holder == ProjectLock.Holder(processID: getpid(), command: "pier up -d"))
        // Other projects are not held up.
        let other = try await ProjectLock.acquire(project: "other", command: "x", environment: environment)
        other.release()
        try await Task.sleep(for: .milliseconds(200))
        #expect(!second.isCancelled)
        first.release()
        let taken = try await second.value
        taken.release()
    }

    @Test func waitingEndsWhenCancelled() async throws {
        let environment = Self.environment()
        let held = try await ProjectLock.acquire(
            project: "demo", command: "pier up", environment: environment)
        defer { held.release() }
        let waiter = Task {
            try await ProjectLock.acquire(
                project: "demo", command: "pier up", environment: environment)
        }
        try await Task.sleep(for: .milliseconds(150))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiter.value }
    }
}
