import DockerEngine
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Acts on a watch's batches, one at a time, as their ``WatchPlan`` says: rebuilds first (the containers of the
/// services whose image changed are recreated), then each service's sync, then restarts (of services not just
/// recreated) and `sync+exec` commands (of services whose sync went through). Every step is reported; a failed one
/// leaves the service as it was, and the next batch is handled as usual.
struct BatchHandler: Sendable {
    let watch: ProjectWatch
    let notify: @Sendable (WatchEvent) -> Void

    var runtime: ProjectRuntime { watch.runtime }

    /// Handles one batch: each path as it is now (there, or gone).
    func handle(_ batch: WatchBatch) async {
        var changes = batch.paths.map { ObservedChange(path: $0, exists: Self.exists($0)) }
        if batch.overflowed {
            notify(
                .warning(
                    "the system dropped file changes (its queue overflowed): every watched file is taken as changed"))
            changes += watch.matchers.flatMap { Self.walk($0.rule.path, into: $0) }.map {
                ObservedChange(path: $0.path, exists: true)
            }
        }
        await perform(WatchPlan.plan(changes, matchers: watch.matchers), initial: false)
    }

    /// The syncs `initial_sync` asks for: the files under each such rule's path modified since the image of the
    /// service's container was built, as Compose finds them; then what the rules do after a sync.
    func initialSync() async {
        var changes: [ObservedChange] = []
        var matchers: [WatchRuleMatcher] = []
        for matcher in watch.matchers where matcher.rule.initialSync && matcher.rule.action.syncs {
            let service = matcher.rule.service
            guard let built = await imageCreation(of: service) else {
                notify(.warning("initial_sync of service \"\(service)\" skipped: it has no container yet"))
                continue
            }
            matchers.append(matcher)
            changes += Self.walk(matcher.rule.path, into: matcher).filter { !$0.isDirectory && $0.modified > built }
                .map { ObservedChange(path: $0.path, exists: true) }
        }
        guard !changes.isEmpty else { return }
        await perform(WatchPlan.plan(changes, matchers: matchers), initial: true)
    }

    func perform(_ plan: WatchPlan, initial: Bool) async {
        var recreated: Set<String> = []
        if !plan.rebuilds.isEmpty { recreated = await rebuild(plan.rebuilds) }
        var failed: Set<String> = []
        for (service, files) in plan.syncs.sorted(by: { $0.key < $1.key }) {
            notify(.syncing(service: service, files: files, initial: initial))
            do {
                try await sync(files, to: service)
            } catch {
                failed.insert(service)
                fail(WatchFailure(.sync, services: [service], message: Self.describe(error)))
            }
        }
        let restarts = plan.restarts.filter { !recreated.contains($0) && !failed.contains($0) }
        if !restarts.isEmpty {
            do {
                try await runtime.reporting(to: { _ in }).restart(restarts, timeout: nil)
                notify(.restarted(restarts))
            } catch {
                fail(WatchFailure(.restart, services: restarts, message: Self.describe(error)))
            }
        }
        for (service, commands) in plan.execs.sorted(by: { $0.key < $1.key }) where !failed.contains(service) {
            for command in commands { await run(command, in: service) }
        }
    }

    /// When the image of the service's first container was built; nil when it has none.
    private func imageCreation(of service: String) async -> Date? {
        guard let container = try? await runtime.containers().first(where: { $0.service == service }),
            let image = try? await runtime.client.inspectImage(container.imageID)
        else { return nil }
        return EngineTime.date(image.created)
    }

    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// What lies under `path` (the path itself when it is no directory) that `matcher` takes, without descending
    /// into directories it does not take.
    static func walk(_ path: String, into matcher: WatchRuleMatcher) -> [(
        path: String, isDirectory: Bool, modified: Date
    )] {
        var found: [(path: String, isDirectory: Bool, modified: Date)] = []
        var pending = [path]
        while let next = pending.popLast() {
            var status = stat()
            guard lstat(next, &status) == 0 else { continue }
            let isDirectory = status.st_mode & S_IFMT == S_IFDIR
            #if canImport(Darwin)
                let time = status.st_mtimespec
            #else
                let time = status.st_mtim
            #endif
            let modified = Date(timeIntervalSince1970: Double(time.tv_sec) + Double(time.tv_nsec) / 1e9)
            guard next == path || matcher.takes(next) else { continue }
            if next != path || !isDirectory { found.append((next, isDirectory, modified)) }
            guard isDirectory else { continue }
            let children = (try? FileManager.default.contentsOfDirectory(atPath: next)) ?? []
            pending += children.sorted().reversed().map { next + "/" + $0 }
        }
        return found
    }

    /// Reports a failed step, unless the watch is stopping (its steps are cancelled then, and that is no failure).
    func fail(_ failure: WatchFailure) {
        guard !Task.isCancelled else { return }
        notify(.failed(failure))
    }

    /// An error as the user reads it: an engine's message without its wrapping.
    static func describe(_ error: any Error) -> String {
        if let error = error as? EngineError { return error.message }
        return "\(error)"
    }
}
