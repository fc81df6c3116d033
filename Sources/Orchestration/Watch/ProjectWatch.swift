import ComposeSpec
import DockerEngine
import Foundation

/// `watch` and `up --watch`: follows the files the services' `develop.watch` rules name, through the operating
/// system's change notification, and acts on each batch of changes as the rules say: copies files into the
/// containers (and deletes what was deleted), restarts them, runs commands in them, rebuilds images and recreates
/// the containers whose image changed. A failure is reported and the watch goes on; it stops when its task is
/// cancelled.
public struct ProjectWatch: Sendable {
    public struct Options: Sendable {
        /// The services to watch, with the services they depend on; every service when empty.
        public var services: [String] = []
        /// `--prune`: after a rebuild, remove the project's images left without a name.
        public var prune = true
        /// `--quiet`: no build output.
        public var quietBuild = false

        public init() {}
    }

    public let runtime: ProjectRuntime
    public let options: Options
    let matchers: [WatchRuleMatcher]

    /// Reads the rules of the selected services; refuses rules that cannot work, and a selection without any.
    public init(runtime: ProjectRuntime, options: Options, warn: (ComposeWarning) -> Void = { _ in }) throws {
        self.runtime = runtime
        self.options = options
        var matchers: [WatchRuleMatcher] = []
        for name in try runtime.selection(options.services).sorted() {
            guard let definition = runtime.services[name] else { continue }
            let (contextIgnore, dockerfile) = try Self.buildFiles(of: name, definition: definition)
            let protected = Set(runtime.project.configFiles + (dockerfile.map { [$0] } ?? []))
            for rule in try WatchRule.rules(of: name, definition: definition, warn: warn) {
                matchers.append(try WatchRuleMatcher(rule, contextIgnore: contextIgnore, protectedFiles: protected))
            }
        }
        guard !matchers.isEmpty else {
            throw OrchestrationError(
                .notFound,
                "none of the selected services is configured for watch, consider setting a 'develop' section")
        }
        self.matchers = matchers
    }

    /// The services with `rebuild` rules: `watch` builds their images before it starts, as Compose does.
    public var rebuiltServices: Set<String> {
        Set(matchers.filter { $0.rule.action == .rebuild }.map(\.rule.service))
    }

    /// The `.dockerignore` of a service's build context (with the context) and its Dockerfile's path, when it
    /// builds from a local directory.
    static func buildFiles(of service: String, definition: Node) throws -> (
        (directory: String, rules: DockerIgnore)?, String?
    ) {
        guard let build = definition["build"], let context = build.field("context")?.scalarText,
            context.hasPrefix("/"), GitContext(context) == nil
        else { return (nil, nil) }
        let dockerfile = build.field("dockerfile")?.scalarText ?? "Dockerfile"
        let dockerfilePath = dockerfile.hasPrefix("/") ? dockerfile : context + "/" + dockerfile
        do {
            let rules = try DockerIgnore.load(contextDirectory: context, dockerfile: dockerfile)
            return ((context, rules), build.field("dockerfile_inline") == nil ? dockerfilePath : nil)
        } catch {
            throw OrchestrationError.service(
                service, .unreadableFile, "cannot read the .dockerignore of \(context): \(error)", underlying: error)
        }
    }

    /// Watches until the task is cancelled: the initial syncs first, then each batch of changes as it comes.
    public func run(notify: @escaping @Sendable (WatchEvent) -> Void) async throws {
        let watcher = try FileWatchers.system(watching: matchers.map(\.rule.path))
        defer { watcher.close() }
        let handler = BatchHandler(watch: self, notify: notify)
        await handler.initialSync()
        notify(.enabled)
        defer { notify(.disabled) }
        let batcher = SharedState(WatchBatcher())
        let (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await change in watcher.changes {
                    if case .unwatchable(let path, let reason) = change {
                        notify(.warning("changes under \(path) cannot be seen: \(reason)"))
                    }
                    batcher.withLock { $0.add(change, at: .now) }
                    wake.yield()
                }
                wake.finish()
            }
            group.addTask {
                var wakes = wakes.makeAsyncIterator()
                while !Task.isCancelled {
                    guard let deadline = batcher.withLock({ $0.deadline }) else {
                        if await wakes.next() == nil { return }
                        continue
                    }
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    guard !Task.isCancelled else { return }
                    if let batch = batcher.withLock({ $0.take(at: .now) }) { await handler.handle(batch) }
                }
            }
            await group.next()
            group.cancelAll()
        }
    }
}
