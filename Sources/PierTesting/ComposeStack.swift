import ComposeSpec
import DockerEngine
import Foundation
import Orchestration

/// A compose project running for the length of a test. It runs under a project name of its own, so that tests run
/// in parallel, and everything it made (containers, networks, volumes, anonymous ones too, and the images it
/// built) is removed when its scope ends, whether the body returned, threw or was cancelled.
///
/// ```swift
/// try await ComposeStack.withRunning(at: projectDirectory, services: ["api"]) { stack in
///     let (host, port) = try await stack.endpoint(service: "api", port: 8000)
///     let result = try await stack.exec(service: "db", ["psql", "-c", "select 1"])
///     try await stack.wait(for: .log("ready", service: "worker"), timeout: .seconds(30))
/// }
/// ```
///
/// It talks to the engine the docker CLI would use (`DOCKER_HOST`, the current docker context, else
/// `/var/run/docker.sock`) through Pier's own client: no CLI, no helper container.
public struct ComposeStack: Sendable {
    /// The project name, unique to this stack: containers are `<name>-<service>-<n>`.
    public let name: String
    /// What the stack was started from.
    public let configuration: Configuration
    let runtime: ProjectRuntime
    let warningLog: WarningLog

    var client: EngineClient { runtime.client }

    /// The project directory: where relative paths in the compose files start.
    public var projectDirectory: URL { URL(fileURLWithPath: runtime.project.workingDirectory) }

    /// The compose files, as loaded.
    public var files: [URL] { runtime.project.configFiles.map { URL(fileURLWithPath: $0) } }

    /// The services of the stack: those the configuration selects and their dependencies, else every enabled one.
    public var services: [String] { ((try? runtime.selection(configuration.services)) ?? []).sorted() }

    /// Runs `body` with the project in `directory` (its `compose.yaml`, and `compose.override.yaml` when there is
    /// one) running, then removes it.
    ///
    /// - Parameters:
    ///   - services: the services to start, with those they depend on; every service when empty.
    ///   - profiles: profiles to enable.
    ///   - environment: variables for interpolation, over the process environment (the `COMPOSE_*` variables that
    ///     choose files, profiles and the project name are not taken from the process).
    ///   - wait: what to wait for before `body` runs.
    @discardableResult
    public static func withRunning<Result>(
        at directory: URL, services: [String] = [], profiles: [String] = [], environment: [String: String] = [:],
        wait: Readiness = .healthy, _ body: (ComposeStack) async throws -> Result
    ) async throws -> Result {
        try await withRunning(
            Configuration(
                projectDirectory: directory, services: services, profiles: profiles, environment: environment,
                wait: wait), body)
    }

    /// Runs `body` with the project the compose `files` describe running (merged in order, the first file's
    /// directory as the project directory), then removes it. The other parameters are those of
    /// ``withRunning(at:services:profiles:environment:wait:_:)``.
    @discardableResult
    public static func withRunning<Result>(
        files: [URL], services: [String] = [], profiles: [String] = [], environment: [String: String] = [:],
        wait: Readiness = .healthy, _ body: (ComposeStack) async throws -> Result
    ) async throws -> Result {
        try await withRunning(
            Configuration(files: files, services: services, profiles: profiles, environment: environment, wait: wait),
            body)
    }

    /// Runs `body` with the stack `configuration` describes running, then removes it. A failure of the start or of
    /// `body` is thrown as a ``StackFailure`` carrying what every container printed; a removal that fails after a
    /// body that succeeded is thrown too.
    @discardableResult
    public static func withRunning<Result>(
        _ configuration: Configuration, _ body: (ComposeStack) async throws -> Result
    ) async throws -> Result {
        let stack = try await start(configuration)
        let result: Result
        do {
            result = try await body(stack)
        } catch {
            throw await stack.removed(after: error)
        }
        try await stack.remove()
        return result
    }

    /// Starts the stack `configuration` describes, for a caller that removes it with ``remove()`` (an XCTest
    /// case's `tearDown`, a scope of its own); a stack its process did not remove is removed by the next run's
    /// sweep. A start that fails removes what it made and throws a ``StackFailure`` with the containers' output.
    public static func start(_ configuration: Configuration) async throws -> ComposeStack {
        let stack = try await prepare(configuration)
        do {
            try await stack.up()
        } catch {
            throw await stack.removed(after: error)
        }
        return stack
    }

    /// The stack that ``current`` gives: set by the ``ComposeStackTrait`` of a suite, with the trait that set it.
    @TaskLocal static var scoped: (stack: ComposeStack, trait: UUID)?

    /// The stack of the suite this test belongs to, started by `@Suite(.composeStack(…))`; throws outside such a
    /// suite.
    public static var current: ComposeStack {
        get throws {
            guard let scoped else {
                throw StackSetupError(
                    "no compose stack: ComposeStack.current is set inside a suite marked @Suite(.composeStack(…))")
            }
            return scoped.stack
        }
    }
}

/// A stack that could not be made or used as asked: a missing service, a port that is not published.
public struct StackSetupError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
