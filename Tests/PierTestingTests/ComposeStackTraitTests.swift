import Foundation
import PierTestSupport
import PierTesting
import Testing

/// `@Suite(.composeStack(at:))`: one stack for the whole suite, handed to each test.
@Suite(
    .requiresEngine, .requiresImage("pier-test/busybox:latest", remedy: "run scripts/engine-start.sh"), .serialized,
    .composeStack(at: Stacks.busybox, services: ["web"]))
struct ComposeStackTraitTests {
    /// The stack the first test saw, for the second.
    static let seen = SeenStack()

    let stack: ComposeStack

    init() throws {
        stack = try ComposeStack.current
    }

    @Test func theSuitesStackRunsHealthy() async throws {
        try await Self.seen.check(stack.name)
        #expect(stack.services == ["web"])
        try await stack.wait(for: .http(port: 8080, service: "web"), timeout: .seconds(60))
        #expect(try await stack.exec(service: "web", ["sh", "-c", "echo kept > /data/mark"]).exitCode == 0)
    }

    @Test func everyTestGetsTheSameStack() async throws {
        try await Self.seen.check(stack.name)
        let mark = try await stack.exec(service: "web", ["sh", "-c", "cat /data/mark 2>/dev/null || echo none"])
        // Whichever test ran first wrote the mark or found none: both see one container.
        #expect(["kept\n", "none\n"].contains(mark.stdout))
        #expect(try await stack.logs(service: "web").first == "web starting")
    }

    @Suite struct Nested {
        @Test func aNestedSuiteSharesItToo() async throws {
            try await ComposeStackTraitTests.seen.check(try ComposeStack.current.name)
        }
    }
}

/// The stack name the suite's tests saw: all the same.
actor SeenStack {
    private var name: String?

    func check(_ name: String) throws {
        if let seen = self.name, seen != name { throw TestSetupError("a second stack: \(name), after \(seen)") }
        self.name = name
    }
}

/// Outside such a suite there is no current stack.
@Suite struct CurrentStackTests {
    @Test func thereIsNoStackOutsideASuiteWithTheTrait() {
        #expect(throws: StackSetupError.self) { try ComposeStack.current }
    }
}
