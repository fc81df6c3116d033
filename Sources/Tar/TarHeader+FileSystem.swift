#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Headers for the host's files, from one `lstat` each (no attribute dictionaries): build contexts and `cp` into a
/// container archive the file system through these.
extension TarHeader {
    /// The header of the file at `fullPath`, named `name` in the archive; nil for what tar does not hold here
    /// (sockets, devices, FIFOs). Permission bits and the modification time are kept, owners only with
    /// `keepsOwners` (else root); a symbolic link stays a link unless `followsLink`.
    public init?(fileAt fullPath: String, name: String, followsLink: Bool = false, keepsOwners: Bool = false)
        throws(TarError)
    {
        var status = stat()
        guard (followsLink ? stat(fullPath, &status) : lstat(fullPath, &status)) == 0 else {
            throw TarError("lstat \(fullPath): \(Self.systemError())")
        }
        #if canImport(Darwin)
            let modified = Int(status.st_mtimespec.tv_sec)
        #else
            let modified = Int(status.st_mtim.tv_sec)
        #endif
        let kind: Kind
        switch status.st_mode & S_IFMT {
        case S_IFDIR: kind = .directory
        case S_IFREG: kind = .file(size: UInt64(status.st_size))
        case S_IFLNK: kind = .symlink(target: try Self.linkTarget(fullPath, size: Int(status.st_size)))
        default: return nil
        }
        let (uid, gid) = keepsOwners ? (Int(status.st_uid), Int(status.st_gid)) : (0, 0)
        self.init(
            path: name, kind: kind, mode: Int(status.st_mode) & 0o7777, uid: uid, gid: gid, modified: modified)
    }

    /// What the symbolic link at `path` points to; `size` is the length `lstat` gave (0 on some file systems).
    private static func linkTarget(_ path: String, size: Int) throws(TarError) -> String {
        var capacity = max(size + 1, 256)
        while true {
            var buffer = [UInt8](repeating: 0, count: capacity)
            let count = buffer.withUnsafeMutableBufferPointer { pointer in
                pointer.withMemoryRebound(to: CChar.self) { readlink(path, $0.baseAddress!, capacity) }
            }
            guard count >= 0 else { throw TarError("readlink \(path): \(systemError())") }
            if count < capacity { return String(decoding: buffer[..<count], as: UTF8.self) }
            capacity *= 2
        }
    }

    private static func systemError() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}
