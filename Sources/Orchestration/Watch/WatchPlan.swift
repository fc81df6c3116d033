/// A changed path as found when its batch is handled.
public struct ObservedChange: Sendable, Hashable {
    public var path: String
    /// Whether something is at the path now; a path that is gone is deleted in the containers.
    public var exists: Bool

    public init(path: String, exists: Bool) {
        self.path = path
        self.exists = exists
    }
}

/// A file a sync carries into a service's containers.
public struct SyncedFile: Sendable, Hashable {
    public var hostPath: String
    public var containerPath: String
    /// Whether the file is gone from the host: it is deleted in the containers.
    public var isDeletion: Bool

    public init(hostPath: String, containerPath: String, isDeletion: Bool = false) {
        self.hostPath = hostPath
        self.containerPath = containerPath
        self.isDeletion = isDeletion
    }
}

/// What one batch of changes asks of each service, decided from the rules as Docker Compose decides it: the
/// services whose images are rebuilt, the files each service's containers get (and lose), the services restarted,
/// and the commands run after a sync (each rule's once per batch, however many files it took). Pure, so that each
/// decision is tested on its own.
public struct WatchPlan: Sendable, Hashable {
    /// Services whose image is rebuilt, sorted.
    public var rebuilds: [String] = []
    /// Per service, the files to copy and delete, by container path (a file two rules take lands twice).
    public var syncs: [String: [SyncedFile]] = [:]
    /// Services restarted after their files are in, sorted.
    public var restarts: [String] = []
    /// Per service, the `sync+exec` commands to run after its sync, in the order of the rules.
    public var execs: [String: [WatchRule.Exec]] = [:]

    public init() {}

    public var isEmpty: Bool { rebuilds.isEmpty && syncs.isEmpty && restarts.isEmpty && execs.isEmpty }

    /// The plan for `changes` under `matchers` (the rules of every watched service).
    public static func plan(_ changes: [ObservedChange], matchers: [WatchRuleMatcher]) -> WatchPlan {
        var plan = WatchPlan()
        var rebuilds = Set<String>()
        var restarts = Set<String>()
        var synced: [String: [String: SyncedFile]] = [:]
        var execRules: [String: [Int]] = [:]
        for (index, matcher) in matchers.enumerated() {
            let rule = matcher.rule
            let taken = changes.filter { matcher.takes($0.path) }
            guard !taken.isEmpty else { continue }
            switch rule.action {
            case .rebuild: rebuilds.insert(rule.service)
            case .restart: restarts.insert(rule.service)
            case .sync, .syncRestart, .syncExec:
                let files = taken.filter { matcher.syncs($0.path) }
                guard !files.isEmpty else { continue }
                for change in files {
                    guard let target = matcher.containerPath(for: change.path) else { continue }
                    synced[rule.service, default: [:]][target] = SyncedFile(
                        hostPath: change.path, containerPath: target, isDeletion: !change.exists)
                }
                if rule.action == .syncRestart { restarts.insert(rule.service) }
                if rule.action == .syncExec { execRules[rule.service, default: []].append(index) }
            }
        }
        plan.rebuilds = rebuilds.sorted()
        plan.restarts = restarts.sorted()
        // Parents before what they hold, so that a new directory's mode is set before its files land.
        plan.syncs = synced.mapValues { $0.values.sorted { $0.containerPath < $1.containerPath } }
        plan.execs = execRules.mapValues { indexes in indexes.compactMap { matchers[$0].rule.exec } }
        return plan
    }
}
