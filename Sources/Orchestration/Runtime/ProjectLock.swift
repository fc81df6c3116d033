import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keeps two Pier processes from changing one project at once: an exclusive `flock` on a file named after the
/// project, in `PIER_LOCK_DIR` (default `/tmp/pier-locks`). The kernel releases it when the process ends, however
/// it ends (a `SIGKILL`ed `up` leaves no stale lock). A second process waits for it, saying which process holds it.
/// The lock is the project name's, whatever the engine: one engine reached by two paths (its socket, a proxy, a
/// context) is one engine; projects of one name on two engines wait for each other, which costs only time.
/// Processes on other machines, and Docker Compose, do not take it.
public final class ProjectLock: Sendable {
    /// Who holds a lock another process waits for: its process ID and command, as the holder wrote them.
    public struct Holder: Sendable, Hashable {
        public var processID: Int32?
        public var command: String
    }

    private let descriptor: Int32
    /// The lock file's path.
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// The lock of `project`, once this process holds it; `onWait` runs once, with the holder, when another process
    /// holds it first. Waiting ends when the task is cancelled.
    public static func acquire(
        project: String, command: String,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        onWait: @Sendable (Holder) -> Void = { _ in }
    ) async throws -> ProjectLock {
        let directory = environment["PIER_LOCK_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp/pier-locks"
        let path = "\(directory)/\(project).lock"
        let descriptor = try openLockFile(path, directory: directory)
        var waited = false
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw OrchestrationError(.projectLock, "cannot lock project \(project) (\(path)): \(reason)")
            }
            if !waited {
                waited = true
                onWait(holder(of: path))
            }
            do {
                try await Task.sleep(for: .milliseconds(100))
            } catch {
                close(descriptor)
                throw error
            }
        }
        let record = "\(getpid()) \(command)\n"
        _ = ftruncate(descriptor, 0)
        _ = record.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        return ProjectLock(descriptor: descriptor, path: path)
    }

    /// Runs `body` holding the lock of `project` (see ``acquire(project:command:environment:onWait:)``).
    public static func holding<Result>(
        project: String, command: String, onWait: @Sendable (Holder) -> Void = { _ in },
        _ body: () async throws -> Result
    ) async throws -> Result {
        let lock = try await acquire(project: project, command: command, onWait: onWait)
        defer { lock.release() }
        return try await body()
    }

    /// Lets the next process in.
    public func release() {
        _ = ftruncate(descriptor, 0)
        close(descriptor)
    }

    /// Opens (creating) the lock file; the folder is shared by every user, as `/tmp` is.
    private static func openLockFile(_ path: String, directory: String) throws -> Int32 {
        if mkdir(directory, 0o1777) == 0 { chmod(directory, 0o1777) }
        var descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        if descriptor >= 0 { fchmod(descriptor, 0o666) }
        // Another user's lock file: locking needs no write access.
        if descriptor < 0 { descriptor = open(path, O_RDONLY | O_CLOEXEC) }
        guard descriptor >= 0 else {
            throw OrchestrationError(
                .projectLock, "cannot open the lock of this project (\(path)): \(String(cString: strerror(errno)))")
        }
        return descriptor
    }

    private static func holder(of path: String) -> Holder {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 1)
        return Holder(processID: parts.first.flatMap { Int32($0) }, command: parts.count > 1 ? String(parts[1]) : "")
    }
}
