import ComposeSpec
import DockerEngine

/// What `up` (and `create`) may do, as their flags say.
public struct UpOptions: Sendable {
    public var services: [String] = []
    /// `--no-deps`: leave the services they depend on alone.
    public var noDeps = false
    public var recreate: RecreatePolicy = .whenChanged
    public var alwaysRecreateDependencies = false
    /// `-V`: recreated containers get new anonymous volumes instead of the old ones.
    public var renewAnonymousVolumes = false
    public var removeOrphans = false
    /// `COMPOSE_IGNORE_ORPHANS`: no warning about orphan containers.
    public var ignoreOrphans = false
    public var scale: [String: Int] = [:]
    /// False for `create` and `up --no-start`.
    public var start = true
    /// `--wait`: return once every container runs and is healthy (a one-shot another service needs completed: once
    /// it exited 0).
    public var wait = false
    public var waitTimeout: Duration?
    /// Seconds to let replaced containers stop.
    public var stopTimeout: Int?
    /// `--build` builds images before starting, `--no-build` never builds; by default only missing ones.
    public var build: BuildMode = .whenMissing
    /// `--pull`: instead of each service's `pull_policy`.
    public var pull: PullPolicy?
    /// `--quiet-pull`: no line per layer.
    public var quietPull = false
    /// `--quiet-build`: no build output, only each build's start and end.
    public var quietBuild = false
    /// Asked before a volume whose configuration changed is recreated (`-y` answers yes); nil keeps it.
    public var confirmVolumeRecreation: VolumeRecreation?
    /// `--parallel` / `COMPOSE_PARALLEL_LIMIT`: how many images build at once (nil: no bound).
    public var parallelLimit: Int?
    /// Where the output of `post_start` hooks goes (an attached `up` shows it); nowhere when nil.
    public var hookOutput: (any LogSink)?

    public init() {}
}

extension ProjectRuntime {
    /// Converges the engine on the project: images, networks and volumes first, then every service's containers
    /// created (dependencies first), then started, each service once what it depends on is started, healthy or
    /// completed, as `depends_on` says.
    public func up(_ options: UpOptions) async throws {
        let selection = try selection(options.services, withDependencies: !options.noDeps)
        try checkEngineRequirements(selection)
        // Images first, as Compose: a pull or build that fails leaves nothing half created.
        let imageIDs = try await ensureImages(for: selection, options: options)
        try await ensureNetworks(selection: selection)
        try await ensureVolumes(confirm: options.confirmVolumeRecreation)
        var observed = try await containers()
        if try await recoverInterruptedRecreates(
            observed, configHashes: configHashes(observed), stopTimeout: options.stopTimeout)
        {
            observed = try await containers()
        }
        var target = Planner.Target(project: project, graph: graph, apiVersion: apiVersion, selection: selection)
        target.explicitlySelected = Set(options.services)
        target.knownServices = knownServices
        let plan = Planner(options).servicePlans(
            target, observed: ObservedState(containers: observed), imageIDs: imageIDs)
        if options.removeOrphans || !options.ignoreOrphans {
            try await handleOrphans(plan.orphans, remove: options.removeOrphans, timeout: options.stopTimeout)
        }

        let registry = ServiceRegistry(existing: observed)
        try await ContainerWatcher.watching(client: client, project: project.name) { watcher in
            let convergence = Convergence(
                runtime: self, options: options, selection: selection, imageIDs: imageIDs, registry: registry,
                watcher: watcher)
            // As Compose: every container is created before any starts.
            try await convergence.createAll(plan.services)
            guard options.start else { return }
            try await convergence.startAll(plan.services.map(\.service))
            if options.wait {
                try await convergence.waitUntilReady(plan.services.map(\.service), timeout: options.waitTimeout)
            }
        }
    }

    /// Refuses, before anything changes, services in `selection` and networks that use attributes newer than the
    /// engine's API: one line per use, each naming where it was written and the version it needs.
    func checkEngineRequirements(_ selection: Set<String>) throws {
        let violations = EngineRequirement.violations(in: project, services: selection, api: apiVersion)
        if violations.count > 1 { throw AggregateError(violations) }
        if let violation = violations.first { throw violation }
    }

    func handleOrphans(_ orphans: [ObservedContainer], remove: Bool, timeout: Int?) async throws {
        guard !orphans.isEmpty else { return }
        guard remove else {
            progress(
                .warning(
                    "Project \(project.name)",
                    "Found orphan containers (\(orphans.map(\.name).joined(separator: ", "))) for this "
                        + "project. If you removed or renamed this service in your compose file, you can run this "
                        + "command with the --remove-orphans flag to clean it up."))
            return
        }
        try await forEach(orphans) { orphan in try await stopAndRemove(orphan, timeout: timeout, removeVolumes: false) }
    }

    /// Stops a container (after its `pre_stop` hooks when it runs, unless it is being replaced; not at all unless
    /// `stopping`) and removes it, reporting both steps as Compose does (`Stopping` even for a container that had
    /// exited); a replaced one silently.
    func stopAndRemove(
        _ container: ObservedContainer, timeout: Int?, removeVolumes: Bool, replaced: Bool = false,
        stopping: Bool = true
    ) async throws {
        // A recreate reports only `Recreate` and `Recreated`, as Compose.
        let runtime = replaced ? reporting(to: { _ in }) : self
        if stopping { try await runtime.stop(container, timeout: timeout, replaced: replaced) }
        runtime.progress(.working(container.resource, "Removing"))
        do {
            try await client.removeContainer(container.id, force: true, volumes: removeVolumes)
        } catch let error as EngineError where error.code == .notFound {
            // Already gone (removed concurrently, or `--rm`): nothing to do.
        }
        runtime.progress(.done(container.resource, "Removed"))
    }
}
