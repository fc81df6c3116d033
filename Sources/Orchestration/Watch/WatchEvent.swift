/// What `watch` reports as it goes, for the command line to show in each progress mode: every sync with the
/// files it carried, every restart, rebuild and command run, and every failure (after which the watch goes on).
public enum WatchEvent: Sendable, Hashable {
    /// The files are watched (after the initial syncs).
    case enabled
    /// The watch stopped.
    case disabled
    /// Files are being copied into (and deleted in) a service's containers; `initial` for `initial_sync`.
    case syncing(service: String, files: [SyncedFile], initial: Bool)
    /// The services' containers were restarted.
    case restarted([String])
    /// The services' images are being rebuilt.
    case rebuilding([String])
    /// A line of a rebuild's output (BuildKit's plain progress, or the classic builder's).
    case buildOutput(service: String, line: String)
    /// The services' images were rebuilt; their containers are recreated where the image changed.
    case built([String])
    /// A step of recreating the rebuilt services' containers, as `up` reports it.
    case progress(ProgressEvent)
    /// A line a `sync+exec` command printed in a container.
    case execOutput(service: String, container: String, line: String)
    /// Something failed; the services keep their last good containers and the watch goes on.
    case failed(WatchFailure)
    /// Something the user should know: a directory that cannot be watched, changes the system dropped.
    case warning(String)
}

/// A failed step of a watch.
public struct WatchFailure: Sendable, Hashable {
    public enum Step: String, Sendable, Hashable {
        case sync, restart, build, recreate, exec
    }

    public var step: Step
    public var services: [String]
    public var message: String

    public init(_ step: Step, services: [String], message: String) {
        self.step = step
        self.services = services
        self.message = message
    }
}
