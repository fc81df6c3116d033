/// A change the operating system reported under the watched paths.
public enum FileChange: Sendable, Hashable {
    /// Something at this absolute path was created, written, changed its mode, moved or was deleted.
    case path(String)
    /// The system dropped changes (its queue overflowed): anything under the watched paths may have changed.
    case overflow
    /// A directory under the watched paths could not be watched (the system's limit on watches is reached, it
    /// cannot be read): changes inside it are not seen.
    case unwatchable(path: String, reason: String)
}

/// Change notification from the operating system, behind one small interface: `watch` takes the changes as they
/// come and never polls. Directories created under a watched directory are watched as they appear.
///
/// Linux has ``InotifyWatcher``. macOS would take FSEvents (`FSEventStreamCreate` with
/// `kFSEventStreamCreateFlagFileEvents`, which reports files and new directories of a whole tree from one stream)
/// or kqueue (`EVFILT_VNODE`, one descriptor per file); neither is written yet, and ``FileWatchers/system(watching:)``
/// says so.
public protocol FileWatcher: Sendable {
    /// The changes, in the order they were reported; the sequence ends once the watcher is closed.
    var changes: AsyncStream<FileChange> { get }
    /// Stops watching and ends ``changes``.
    func close()
}

/// The operating system's own change notification.
public enum FileWatchers {
    /// Watches `paths` (absolute): a directory with everything under it, a file or a path that does not exist yet
    /// through the directory above it, so that its creation, and an editor's replace-by-rename, are seen.
    public static func system(watching paths: [String]) throws -> any FileWatcher {
        #if os(Linux)
            return try InotifyWatcher(watching: paths)
        #else
            throw OrchestrationError(
                .unsupported,
                "file watching is not written for this system yet: Pier watches with Linux's inotify, and FSEvents"
                    + " (macOS) is planned")
        #endif
    }
}
