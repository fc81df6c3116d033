#if os(Linux)
    import Foundation
    import Glibc
    import Synchronization

    /// Change notification from Linux's inotify: one watch per directory of the watched trees, added as
    /// directories appear (what a new directory already holds is reported too: it may have been written before its
    /// watch was set). Events are read on a thread of its own, which sleeps in `poll` until the kernel or `close`
    /// wakes it.
    final class InotifyWatcher: FileWatcher {
        let changes: AsyncStream<FileChange>
        private let continuation: AsyncStream<FileChange>.Continuation
        private let descriptor: Int32
        /// A pipe whose write end `close` writes to, to wake the reading thread.
        private let wake: (read: Int32, write: Int32)
        private let tree: Mutex<InotifyTree>
        private let closed = Mutex(false)

        static let mask: UInt32 =
            UInt32(IN_CREATE) | UInt32(IN_MODIFY) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_ATTRIB) | UInt32(IN_DELETE)
            | UInt32(IN_MOVED_FROM) | UInt32(IN_MOVED_TO) | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)
            | UInt32(IN_ONLYDIR) | UInt32(IN_EXCL_UNLINK)

        init(watching paths: [String]) throws {
            descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            guard descriptor >= 0 else {
                throw OrchestrationError(.engine, "cannot start watching files: inotify_init1: \(Self.systemError())")
            }
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else {
                Glibc.close(descriptor)
                throw OrchestrationError(.engine, "cannot start watching files: pipe: \(Self.systemError())")
            }
            for end in ends {
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, O_NONBLOCK)
            }
            wake = (ends[0], ends[1])
            (changes, continuation) = AsyncStream.makeStream(of: FileChange.self)
            var tree = InotifyTree(descriptor: descriptor, scope: WatchScope(paths))
            do {
                _ = try tree.refresh(reporting: false)
            } catch {
                for end in [descriptor, ends[0], ends[1]] { Glibc.close(end) }
                throw error
            }
            self.tree = Mutex(tree)
            let thread = Thread { [self] in readEvents() }
            thread.name = "pier-inotify"
            thread.start()
        }

        func close() {
            guard
                closed.withLock({ closed in
                    defer { closed = true }; return !closed
                })
            else { return }
            var byte: UInt8 = 1
            _ = write(wake.write, &byte, 1)
        }

        /// Reads and handles events until `close`; then releases the descriptors and ends ``changes``.
        private func readEvents() {
            let size = 64 * 1024
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
            defer {
                buffer.deallocate()
                for end in [descriptor, wake.read, wake.write] { Glibc.close(end) }
                continuation.finish()
            }
            var polled = [
                pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0),
            ]
            while true {
                guard poll(&polled, 2, -1) >= 0 || errno == EINTR else { return }
                if polled[1].revents != 0 { return }
                while true {
                    let count = read(descriptor, buffer, size)
                    if count <= 0 { break }
                    let found = tree.withLock { tree in tree.handle(buffer, count: count) }
                    for change in found { continuation.yield(change) }
                }
            }
        }

        static func systemError() -> String {
            String(cString: strerror(errno))
        }
    }
#endif
