/// Undo actions a test registers as it makes things (containers, images, servers), run in reverse order when
/// its scope ends: whether it passed, failed, threw or was cancelled.
package actor CleanupStack {
    private var actions: [@Sendable () async -> Void] = []

    package init() {}

    /// Registers `action` to run before those registered earlier.
    package func push(_ action: @escaping @Sendable () async -> Void) {
        actions.append(action)
    }

    /// Runs the actions, the last registered first, in a task of their own: a cancelled test still cleans up
    /// (its child processes would otherwise be ended as soon as they start).
    package func run() async {
        let actions = self.actions
        self.actions = []
        await Task {
            for action in actions.reversed() { await action() }
        }.value
    }

    /// Runs `body` with a new stack, then the stack's actions, also when `body` throws.
    @discardableResult
    package static func with<Result>(_ body: (CleanupStack) async throws -> Result) async throws -> Result {
        let stack = CleanupStack()
        do {
            let result = try await body(stack)
            await stack.run()
            return result
        } catch {
            await stack.run()
            throw error
        }
    }
}

/// Fails with a timeout error when `body` takes longer than `seconds`.
package func withTimeout<Result: Sendable>(
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
