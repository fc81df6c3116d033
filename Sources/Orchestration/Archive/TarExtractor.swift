import Foundation
import Tar

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a tar stream into the host's file system, as `docker cp` does: files with their permission bits and
/// modification times, directories, symbolic and hard links. The archive's top entry (`root`, the copied file or
/// directory as the engine names it) lands at `target`, so a copy can be renamed on the way.
public struct TarExtractor {
    private let target: String
    private var root: String?
    private var reader = TarReader()
    private var file: Int32 = -1
    private var current: TarHeader?
    private var currentPath = ""
    /// Directory modes and times, applied at the end so a read-only directory can still be filled.
    private var directories: [(path: String, mode: Int, modified: Int)] = []

    /// Extracts the archive so that its top entry becomes `target` (an absolute path).
    public init(target: String) {
        self.target = target
    }

    public mutating func append(_ bytes: some Collection<UInt8>) throws {
        for event in try reader.append(bytes) {
            switch event {
            case .entry(let entry): try begin(entry)
            case .content(let bytes): try write(bytes)
            case .end: try closeFile()
            }
        }
    }

    /// Ends the extraction; a stream cut before the end of the archive is an error.
    public mutating func finish() throws {
        try closeFile()
        guard reader.isComplete || current == nil else {
            throw TarError("the archive ended early, inside \(current?.path ?? "an entry")")
        }
        for directory in directories.reversed() {
            chmod(directory.path, mode_t(directory.mode & 0o7777))
            setTime(directory.path, directory.modified, followsLinks: true)
        }
    }

    private mutating func begin(_ entry: TarHeader) throws {
        try closeFile()
        let path = try localPath(for: entry.path)
        current = entry
        currentPath = path
        switch entry.kind {
        case .directory:
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || !isDirectory.boolValue {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            }
            directories.append((path, entry.mode, entry.modified))
        case .file:
            unlink(path)
            file = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode_t(0o600))
            guard file >= 0 else { throw TarError("cannot create \(path): \(String(cString: strerror(errno)))") }
        case .symlink(let destination):
            unlink(path)
            guard symlink(destination, path) == 0 else {
                throw TarError("cannot create the link \(path): \(String(cString: strerror(errno)))")
            }
            setTime(path, entry.modified, followsLinks: false)
        case .hardlink(let destination):
            unlink(path)
            guard link(try localPath(for: destination), path) == 0 else {
                throw TarError("cannot create the link \(path): \(String(cString: strerror(errno)))")
            }
        case .other:
            break  // devices and FIFOs are not copied
        }
    }

    private mutating func write(_ bytes: [UInt8]) throws {
        guard file >= 0 else { return }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(file, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw TarError("cannot write \(currentPath): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    private mutating func closeFile() throws {
        guard file >= 0, let entry = current else { return }
        fchmod(file, mode_t(entry.mode & 0o7777))
        close(file)
        file = -1
        setTime(currentPath, entry.modified, followsLinks: true)
    }

    /// `root/a/b` → `target/a/b`; names that would leave the target are refused.
    private mutating func localPath(for name: String) throws -> String {
        let components = name.split(separator: "/").map(String.init).filter { $0 != "." }
        guard !components.contains("..") else { throw TarError("the archive names a path outside the copy: \(name)") }
        // A first entry named `.` (the contents of `dir/.`) means every entry lands under the target as it is.
        if root == nil { root = components.first ?? "" }
        if root == "" { return ([target] + components).joined(separator: "/") }
        guard let first = components.first else { return target }
        guard first == root else { throw TarError("the archive holds more than one top entry: \(name)") }
        return ([target] + components.dropFirst()).joined(separator: "/")
    }

    private func setTime(_ path: String, _ seconds: Int, followsLinks: Bool) {
        var times = [
            timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0),
        ]
        utimensat(AT_FDCWD, path, &times, followsLinks ? 0 : AT_SYMLINK_NOFOLLOW)
    }

    private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, pointer, count)
        #else
            Darwin.write(descriptor, pointer, count)
        #endif
    }
}
