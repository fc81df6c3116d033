import Foundation

/// How many tests use the engine at once. Each scratch project makes a network, and the engine's default address
/// pools hold a few dozen, shared with everything else on it; before the tests' processes were asynchronous, each
/// test held a thread, so as many ran at once as there are cores. `PIER_TEST_PROJECTS` sets the number.
package actor EngineSlots {
    package static let shared = EngineSlots(
        count: ProcessInfo.processInfo.environment["PIER_TEST_PROJECTS"].flatMap { Int($0) }
            ?? max(2, ProcessInfo.processInfo.activeProcessorCount))

    /// Whether the current task already holds a slot (a project inside another test's project takes none).
    @TaskLocal private static var holdsSlot = false

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    private init(count: Int) {
        free = max(1, count)
    }

    /// Runs `body` once a slot is free, holding it until `body` ends.
    package nonisolated func withSlot<Result>(_ body: () async throws -> Result) async throws -> Result {
        if Self.holdsSlot { return try await body() }
        await acquire()
        do {
            let result = try await Self.$holdsSlot.withValue(true) { try await body() }
            release()
            return result
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private nonisolated func release() {
        Task { await handOver() }
    }

    private func handOver() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
