#if os(Linux)
    import Foundation
    import Glibc

    /// The directories an ``InotifyWatcher`` watches, by watch descriptor, and what each kernel event means for
    /// them: new directories are watched (and what they already hold reported), removed or moved-away ones
    /// forgotten, and the watch of a wanted path that appears or disappears is moved to where it can be seen.
    struct InotifyTree: Sendable {
        private let descriptor: Int32
        private let scope: WatchScope
        /// The watched directories by watch descriptor, and back.
        private var directories: [Int32: String] = [:]
        private var descriptors: [String: Int32] = [:]
        /// Directories watched with everything under them.
        private var recursive: Set<String> = []

        init(descriptor: Int32, scope: WatchScope) {
            self.descriptor = descriptor
            self.scope = scope
        }

        /// Watches what ``WatchScope/roots(kind:)`` says is needed now; with `reporting`, the changes are what newly
        /// watched trees hold. Throws when a root cannot be watched at all.
        mutating func refresh(reporting: Bool) throws -> [FileChange] {
            var changes: [FileChange] = []
            for root in scope.roots(kind: Self.kind) where !(recursive.contains(root.path)) {
                if !root.recursive, descriptors[root.path] != nil { continue }
                if let failure = add(root.path, recursive: root.recursive, reporting: reporting, into: &changes) {
                    throw OrchestrationError(.engine, "cannot watch \(root.path): \(failure)")
                }
            }
            return changes
        }

        /// The changes the `count` bytes of events at `buffer` report.
        mutating func handle(_ buffer: UnsafeMutableRawPointer, count: Int) -> [FileChange] {
            var changes: [FileChange] = []
            var offset = 0
            var refresh = false
            while offset + 16 <= count {
                let watch = buffer.load(fromByteOffset: offset, as: Int32.self)
                let mask = buffer.load(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(buffer.load(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = UnsafeRawBufferPointer(start: buffer + offset + 16, count: length)
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += 16 + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    changes.append(.overflow)
                    refresh = true
                    continue
                }
                guard let directory = directories[watch] else { continue }
                if mask & UInt32(IN_IGNORED) != 0 {
                    forget(directory)
                    refresh = true
                    continue
                }
                if name.isEmpty {
                    // The watched directory itself was deleted or moved away.
                    guard mask & (UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)) != 0 else { continue }
                    if scope.concerns(directory) { changes.append(.path(directory)) }
                    forget(directory, removingWatches: true)
                    refresh = true
                    continue
                }
                let path = directory == "/" ? "/" + name : directory + "/" + name
                guard recursive.contains(directory) || scope.concerns(path) else { continue }
                changes.append(.path(path))
                guard mask & UInt32(IN_ISDIR) != 0 else { continue }
                if mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 {
                    if recursive.contains(directory) || scope.covers(path) {
                        if let failure = add(path, recursive: true, reporting: true, into: &changes) {
                            changes.append(.unwatchable(path: path, reason: failure))
                        }
                    } else {
                        refresh = true
                    }
                } else if mask & (UInt32(IN_MOVED_FROM) | UInt32(IN_DELETE)) != 0 {
                    forget(path, removingWatches: mask & UInt32(IN_MOVED_FROM) != 0)
                    refresh = true
                }
            }
            if refresh {
                do {
                    changes += try self.refresh(reporting: true)
                } catch {
                    changes.append(.unwatchable(path: scope.wanted.joined(separator: ", "), reason: "\(error)"))
                }
            }
            return changes
        }

        /// Watches `path` (and with `recursive` every directory under it), appending what it holds to `changes`
        /// when `reporting`; the reason when the top directory cannot be watched (nested ones that cannot are
        /// reported as ``FileChange/unwatchable(path:reason:)``).
        private mutating func add(
            _ path: String, recursive isRecursive: Bool, reporting: Bool, into changes: inout [FileChange]
        ) -> String? {
            let watch = inotify_add_watch(descriptor, path, InotifyWatcher.mask)
            guard watch >= 0 else {
                if errno == ENOSPC {
                    let limit = (try? String(contentsOfFile: "/proc/sys/fs/inotify/max_user_watches", encoding: .utf8))
                    return "the system's limit of inotify watches is reached (fs.inotify.max_user_watches = "
                        + "\((limit ?? "?").trimmingCharacters(in: .whitespacesAndNewlines))): raise it with sysctl,"
                        + " or ignore large directories in the rule"
                }
                return InotifyWatcher.systemError()
            }
            directories[watch] = path
            descriptors[path] = watch
            guard isRecursive else { return nil }
            recursive.insert(path)
            for entry in Self.entries(of: path) {
                let child = path == "/" ? "/" + entry.name : path + "/" + entry.name
                if reporting { changes.append(.path(child)) }
                guard entry.isDirectory, !recursive.contains(child) else { continue }
                if let failure = add(child, recursive: true, reporting: reporting, into: &changes) {
                    changes.append(.unwatchable(path: child, reason: failure))
                }
            }
            return nil
        }

        /// Forgets `path` and the directories under it; with `removingWatches`, tells the kernel too (a directory
        /// moved away keeps its watches, which would report changes under its old name).
        private mutating func forget(_ path: String, removingWatches: Bool = false) {
            for (directory, watch) in descriptors where WatchScope.isWithin(directory, path) {
                if removingWatches { inotify_rm_watch(descriptor, watch) }
                descriptors[directory] = nil
                directories[watch] = nil
                recursive.remove(directory)
            }
        }

        /// A directory's entries, without `.` and `..`.
        static func entries(of path: String) -> [(name: String, isDirectory: Bool)] {
            guard let stream = opendir(path) else { return [] }
            defer { closedir(stream) }
            var entries: [(name: String, isDirectory: Bool)] = []
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard name != ".", name != ".." else { continue }
                var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                    isDirectory = kind(path + "/" + name) == .directory
                }
                entries.append((name, isDirectory))
            }
            return entries
        }

        static func kind(_ path: String) -> WatchScope.Kind {
            var status = stat()
            guard lstat(path, &status) == 0 else { return .missing }
            return status.st_mode & S_IFMT == S_IFDIR ? .directory : .file
        }
    }
#endif
