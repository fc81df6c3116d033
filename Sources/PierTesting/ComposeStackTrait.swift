#if canImport(Testing)
    import Foundation
    import Testing

    /// Starts a stack once for the suite it marks and removes it after the suite's last test; each test of the suite
    /// (nested suites included) reads it as ``ComposeStack/current``. On a single test, it starts a stack for it.
    ///
    /// ```swift
    /// @Suite(.composeStack(at: URL(filePath: #filePath).deletingLastPathComponent().appending(path: "stack")))
    /// struct DatabaseTests {
    ///     @Test func answers() async throws {
    ///         let stack = try ComposeStack.current
    ///         #expect(try await stack.exec(service: "db", ["pg_isready"]).exitCode == 0)
    ///     }
    /// }
    /// ```
    ///
    /// A test that throws gets the last lines of every container of the stack recorded beside its error, as a
    /// warning; a stack that fails to start fails the suite, with them in its error.
    public struct ComposeStackTrait: SuiteTrait, TestTrait, TestScoping {
        public let configuration: ComposeStack.Configuration
        /// Tells the stack this trait started from one an enclosing suite's trait started.
        private let identity = UUID()

        public init(_ configuration: ComposeStack.Configuration) {
            self.configuration = configuration
        }

        /// Applied to the suite's tests too: they report the stack's logs when they throw.
        public var isRecursive: Bool { true }

        public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
            // A suite once (without a test case), a test function once per case.
            test.isSuite == (testCase == nil) ? self : nil
        }

        public func provideScope(
            for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
        ) async throws {
            guard let scoped = ComposeStack.scoped, scoped.trait == identity else {
                try await ComposeStack.withRunning(configuration) { stack in
                    try await ComposeStack.$scoped.withValue((stack, identity)) { try await function() }
                }
                return
            }
            do {
                try await function()
            } catch {
                if !test.isSuite, !(error is CancellationError) {
                    let logs = await scoped.stack.allLogs().map(\.section).joined()
                    Issue.record(
                        "stack \(scoped.stack.name), the last lines of its containers:\(logs)", severity: .warning,
                        sourceLocation: test.sourceLocation)
                }
                throw error
            }
        }
    }

    extension Trait where Self == ComposeStackTrait {
        /// A stack of the project in `directory`, started once for the suite; see
        /// ``ComposeStack/withRunning(at:services:profiles:environment:wait:_:)`` for the parameters.
        public static func composeStack(
            at directory: URL, services: [String] = [], profiles: [String] = [], environment: [String: String] = [:],
            wait: ComposeStack.Readiness = .healthy
        ) -> Self {
            ComposeStackTrait(
                ComposeStack.Configuration(
                    projectDirectory: directory, services: services, profiles: profiles, environment: environment,
                    wait: wait))
        }

        /// A stack of the project the compose `files` describe, started once for the suite.
        public static func composeStack(
            files: [URL], services: [String] = [], profiles: [String] = [], environment: [String: String] = [:],
            wait: ComposeStack.Readiness = .healthy
        ) -> Self {
            ComposeStackTrait(
                ComposeStack.Configuration(
                    files: files, services: services, profiles: profiles, environment: environment, wait: wait))
        }

        /// A stack `configuration` describes, started once for the suite.
        public static func composeStack(_ configuration: ComposeStack.Configuration) -> Self {
            ComposeStackTrait(configuration)
        }
    }
#endif
