/// Changes gathered into one batch, each path once, in the order they first came.
public struct WatchBatch: Sendable, Hashable {
    public var paths: [String]
    /// Whether the system dropped changes: every watched path is to be taken as changed.
    public var overflowed: Bool

    public init(paths: [String], overflowed: Bool = false) {
        self.paths = paths
        self.overflowed = overflowed
    }
}

/// Gathers file changes into batches, as `watch` acts on them. A batch is handed over once no change has come for
/// a quiet period (50 ms, growing with the batch to 300 ms for a burst of 1,000 files, so that a checkout or a
/// build writing many files makes one batch even when the writer stalls), and at the latest 3 s after its first
/// change, so that a file written without pause still gets synced. A value type without I/O: the caller's clock
/// drives it, and each transition is tested on its own.
public struct WatchBatcher: Sendable {
    public static let quietPeriod = Duration.milliseconds(50)
    public static let longestQuietPeriod = Duration.milliseconds(300)
    public static let longestDelay = Duration.seconds(3)

    private var paths: [String] = []
    private var seen: Set<String> = []
    private var overflowed = false
    private var first: ContinuousClock.Instant?
    private var last: ContinuousClock.Instant?

    public init() {}

    /// Whether no change is waiting.
    public var isEmpty: Bool { first == nil }

    /// How long the batch waits for quiet: 50 ms, plus a quarter of a millisecond per path, at most 300 ms.
    public var quietPeriod: Duration {
        min(Self.quietPeriod + .microseconds(250 * paths.count), Self.longestQuietPeriod)
    }

    /// Takes a change reported at `now`.
    public mutating func add(_ change: FileChange, at now: ContinuousClock.Instant) {
        switch change {
        case .path(let path):
            if seen.insert(path).inserted { paths.append(path) }
        case .overflow:
            overflowed = true
        case .unwatchable:
            return
        }
        if first == nil { first = now }
        last = now
    }

    /// When the batch is due: after its quiet period, or its longest delay, whichever comes first; nil when empty.
    public var deadline: ContinuousClock.Instant? {
        guard let first, let last else { return nil }
        return min(last + quietPeriod, first + Self.longestDelay)
    }

    /// The batch, emptying the batcher, when it is due at `now`; nil before.
    public mutating func take(at now: ContinuousClock.Instant) -> WatchBatch? {
        guard let deadline, now >= deadline else { return nil }
        defer { self = WatchBatcher() }
        return WatchBatch(paths: paths, overflowed: overflowed)
    }
}
