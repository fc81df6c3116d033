import Foundation
import Testing

/// A compose project in a scratch directory under a unique name, for tests that run `pier`, the reference and
/// `docker` against an engine. Made by ``with(_:files:environment:_:)``, which removes everything it made when the
/// test ends.
package struct ScratchProject: Sendable {
    package let name: String
    package let directory: URL
    /// Variables every command gets on top of ``TestSupport/baseEnvironment`` (another engine's `DOCKER_HOST`).
    private let extraEnvironment: [String: String]
    private let cleanups: CleanupStack

    private init(
        _ compose: String, files: [String: String], environment: [String: String], cleanups: CleanupStack
    ) throws {
        name = "piertest" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        extraEnvironment = environment
        self.cleanups = cleanups
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try compose.write(to: directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
        for (path, contents) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try contents.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// Runs `body` with a project holding `compose` (as `compose.yaml`) and `files` (by relative path), then
    /// cleans up in reverse order, whether `body` returned, threw or was cancelled: first what the test registered
    /// with ``onCleanUp(_:)``, then the project's containers, networks, volumes, images and directory.
    /// `environment` is given to every command, cleanup included (`DOCKER_HOST` of another engine). Projects wait
    /// for one of the ``EngineSlots``.
    @discardableResult
    package static func with<Result>(
        _ compose: String, files: [String: String] = [:], environment: [String: String] = [:],
        _ body: (ScratchProject) async throws -> Result
    ) async throws -> Result {
        try await EngineSlots.shared.withSlot {
            try await CleanupStack.with { cleanups in
                let project = try ScratchProject(compose, files: files, environment: environment, cleanups: cleanups)
                await cleanups.push { await project.removeEverything() }
                return try await body(project)
            }
        }
    }

    /// ``with(_:files:environment:_:)`` on a copy of the stack in `Tests/Fixtures/NAME`: its `compose.yaml` and
    /// every file beside it, by relative path.
    @discardableResult
    package static func with<Result>(
        fixture name: String, environment: [String: String] = [:], _ body: (ScratchProject) async throws -> Result
    ) async throws -> Result {
        let root = TestSupport.fixtures.appendingPathComponent(name).standardizedFileURL
        var files: [String: String] = [:]
        let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walk?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            files[path] = try String(contentsOf: url, encoding: .utf8)
        }
        guard let compose = files.removeValue(forKey: "compose.yaml") else {
            throw TestSetupError("Tests/Fixtures/\(name) has no compose.yaml")
        }
        return try await with(compose, files: files, environment: environment, body)
    }

    /// Registers `action` to run when the test ends, before the project is removed and before the actions
    /// registered earlier (a server the project's services talk to, an image made outside the project).
    package func onCleanUp(_ action: @escaping @Sendable () async -> Void) async {
        await cleanups.push(action)
    }

    /// `PATH`, `HOME`, the variables that choose the engine, and `COMPOSE_PROJECT_NAME`.
    package var environment: [String: String] {
        TestSupport.baseEnvironment.merging(extraEnvironment) { $1 }.merging(["COMPOSE_PROJECT_NAME": name]) { $1 }
    }

    /// Runs `pier ARGS` in the project's directory.
    @discardableResult
    package func pier(_ arguments: String..., stdin: Data? = nil) async throws -> TestSupport.Result {
        try await pier(arguments, stdin: stdin)
    }

    /// Runs `pier ARGS` in the project's directory, with `extra` environment variables (`DOCKER_CONFIG`…).
    @discardableResult
    package func pier(_ arguments: [String], stdin: Data? = nil, environment extra: [String: String] = [:])
        async throws -> TestSupport.Result
    {
        try await TestSupport.run(
            TestSupport.pierBinary, arguments, in: directory, environment: environment.merging(extra) { $1 },
            stdin: stdin)
    }

    /// Runs the reference Docker Compose with `ARGS` in the project's directory.
    @discardableResult
    package func reference(_ arguments: String...) async throws -> TestSupport.Result {
        try await reference(arguments)
    }

    /// Runs the reference Docker Compose with `arguments` in the project's directory, with `stdin` as its input.
    @discardableResult
    package func reference(_ arguments: [String], stdin: Data? = nil) async throws -> TestSupport.Result {
        try await TestSupport.run(
            try await TestSupport.requireReference(), arguments, in: directory, environment: environment,
            stdin: stdin)
    }

    /// Runs `docker ARGS` (the CLI, to look at what Pier did from the outside).
    @discardableResult
    package func docker(_ arguments: String...) async throws -> TestSupport.Result {
        try await docker(arguments)
    }

    /// Runs `docker` in the project's directory, or in the repository once the directory is gone.
    @discardableResult
    package func docker(_ arguments: [String]) async throws -> TestSupport.Result {
        let folder = FileManager.default.fileExists(atPath: directory.path) ? directory : TestSupport.repositoryRoot
        return try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["docker"] + arguments, in: folder, environment: environment)
    }

    /// Starts `pier ARGS` in the project's directory and runs `body` while it runs (see
    /// ``TestSupport/launch(_:_:in:environment:input:mergesErrors:_:)``).
    @discardableResult
    package func launch(
        _ arguments: [String], input: TestSupport.Input = .closed, mergesErrors: Bool = false,
        environment extra: [String: String] = [:], _ body: (RunningCommand) async throws -> Void
    ) async throws -> TestSupport.Result {
        try await TestSupport.launch(
            TestSupport.pierBinary, arguments, in: directory, environment: environment.merging(extra) { $1 },
            input: input, mergesErrors: mergesErrors, body)
    }

    /// Starts the reference Docker Compose with `arguments` (and `extra` environment variables) in the project's
    /// directory and runs `body` while it runs, as ``launch(_:input:mergesErrors:environment:_:)`` does `pier`.
    @discardableResult
    package func launchReference(
        _ arguments: [String], environment extra: [String: String] = [:], _ body: (RunningCommand) async throws -> Void
    ) async throws -> TestSupport.Result {
        try await TestSupport.launch(
            try await TestSupport.requireReference(), arguments, in: directory,
            environment: environment.merging(extra) { $1 }, body)
    }

    /// Removes everything labelled with the project or named after it, whatever state a failed test left it in.
    private func removeEverything() async {
        _ = try? await pier("down", "--volumes", "--remove-orphans", "--timeout", "0")
        let label = "label=com.docker.compose.project=\(name)"
        for kind in [["ps", "-aq"], ["network", "ls", "-q"], ["volume", "ls", "-q"]] {
            guard let listed = try? await docker(kind + ["--filter", label]) else { continue }
            let remove = kind[0] == "ps" ? ["rm", "-f"] : [kind[0], "rm"]
            for id in listed.stdout.split(whereSeparator: \.isNewline) { _ = try? await docker(remove + [String(id)]) }
        }
        // Images built for the project's services are named after it; untagged by name, never by ID (which a
        // test image may share).
        let images = try? await docker(
            "image", "ls", "--filter", "reference=\(name)*", "--format", "{{.Repository}}:{{.Tag}}")
        let references = (images?.stdout ?? "").split(whereSeparator: \.isNewline).filter { !$0.hasSuffix(":<none>") }
        if !references.isEmpty { _ = try? await docker(["rmi", "-f"] + references.map(String.init)) }
        try? FileManager.default.removeItem(at: directory)
    }
}
