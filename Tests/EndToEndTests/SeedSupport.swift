import Foundation
import PierTestSupport
import PierTesting
import Synchronization
import Testing

/// The seed stacks (`Tests/Fixtures/seeds/NNN`) run as written. They publish fixed host ports (80, 443, 3000,
/// 5432, 8000…), so their suites are nested here and run one test at a time.
@Suite(
    .serialized, .requiresEngine,
    .requiresImage("pier-seed/runtime:bookworm", remedy: "run scripts/seed-images.sh"))
struct SeedStacks {}

/// A copy of one seed fixture in a scratch directory, under a unique project name, for the scope of
/// ``with(seed:globalArguments:builtImages:_:)``. ``start(wait:environment:)`` runs it as a `ComposeStack`; what
/// the test starts otherwise (the seed's `make` targets) is removed at the end too.
struct SeedProject: ProjectCommands {
    let name: String
    let directory: URL
    /// Global flags every command gets (`-f`…), as the seed runs it.
    let globalArguments: [String]
    /// Images the seed's own commands build under names of their own (`image:` beside `build:`), removed at the
    /// end; a stack removes those it built itself.
    let builtImages: [String]
    private let cleanups: CleanupStack
    private let started: StartedStack

    /// Runs `body` with a copy of the seed `seed`, then removes everything it made, also when `body` throws; a
    /// failure of `body` carries the output of the stack it started.
    @discardableResult
    static func with<Result>(
        seed: String, globalArguments: [String] = [], builtImages: [String] = [],
        _ body: (SeedProject) async throws -> Result
    ) async throws -> Result {
        try await with(
            copying: TestSupport.fixtures.appendingPathComponent("seeds/\(seed)"), prefix: "pierseed" + seed,
            globalArguments: globalArguments, builtImages: builtImages, body)
    }

    /// Runs `body` with a copy of any project folder (`examples/demo`…), then removes everything it made.
    @discardableResult
    static func with<Result>(
        copying folder: URL, prefix: String, globalArguments: [String] = [], builtImages: [String] = [],
        _ body: (SeedProject) async throws -> Result
    ) async throws -> Result {
        try await CleanupStack.with { cleanups in
            let name = prefix + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            let project = SeedProject(
                name: name, directory: FileManager.default.temporaryDirectory.appendingPathComponent(name),
                globalArguments: globalArguments, builtImages: builtImages, cleanups: cleanups,
                started: StartedStack())
            try FileManager.default.copyItem(at: folder, to: project.directory)
            await cleanups.push { await project.cleanUp() }
            do {
                return try await body(project)
            } catch {
                throw await project.started.attachingLogs(to: error)
            }
        }
    }

    /// Starts the project as a `ComposeStack` under the project's name, with the files, env files and profiles of
    /// its global flags: what `pier GLOBAL-FLAGS up -d` starts (`up -d --wait` with `wait: .healthy`). The stack
    /// is removed when the scope ends. `profiles` are enabled beside those of the global flags.
    @discardableResult
    func start(
        wait: ComposeStack.Readiness = .none, profiles: [String] = [], environment: [String: String] = [:]
    ) async throws -> ComposeStack {
        var configuration = try StackFlags.configuration(globalArguments, in: directory)
        configuration.profiles += profiles
        configuration.projectName = name
        configuration.wait = wait
        configuration.environment = environment
        let stack = try await ComposeStack.start(configuration)
        started.set(stack)
        await cleanups.push { try? await stack.remove() }
        return stack
    }

    func write(_ path: String, _ contents: String) throws {
        try contents.write(to: url(path), atomically: true, encoding: .utf8)
    }

    /// Removes what the seed's own commands made (a stack removes itself first): everything labelled with the
    /// project, the images named in ``builtImages``, the copy.
    private func cleanUp() async {
        _ = try? await pier("down", "--volumes", "--remove-orphans", "--rmi", "local", "--timeout", "0")
        let label = "label=com.docker.compose.project=\(name)"
        for kind in [["ps", "-aq"], ["network", "ls", "-q"], ["volume", "ls", "-q"]] {
            guard
                let ids = try? await run(["docker"] + kind + ["--filter", label]).stdout.split(
                    whereSeparator: \.isNewline)
            else { continue }
            let remove = kind[0] == "ps" ? ["rm", "-f", "-v"] : [kind[0], "rm"]
            for id in ids { _ = try? await run(["docker"] + remove + [String(id)]) }
        }
        for image in builtImages { _ = try? await run(["docker", "rmi", image]) }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The stack a ``SeedProject`` started, if any, for the output a failure carries.
final class StartedStack: Sendable {
    private let stack = Mutex<ComposeStack?>(nil)

    func set(_ started: ComposeStack) {
        stack.withLock { $0 = started }
    }

    func attachingLogs(to error: any Error) async -> any Error {
        guard let started = stack.withLock({ $0 }) else { return error }
        return await started.attachingLogs(to: error)
    }
}
