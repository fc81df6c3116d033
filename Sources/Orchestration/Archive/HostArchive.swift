import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file or directory of the host as a tar archive for `cp` into a container: permission bits, owners and times
/// kept, symbolic links stored as links.
public enum HostArchive {
    /// The archive of `path`, its top entry named `name`; with `contentsOnly` (a source ending in `/.`) the
    /// directory's entries sit at the top instead. `followsLink` copies what a symbolic link at `path` points to.
    /// Without `keepsOwners` every entry belongs to root, as `docker cp` without `-a` makes them.
    public static func make(
        _ path: String, name: String, contentsOnly: Bool = false, followsLink: Bool = false, keepsOwners: Bool = false
    ) throws -> [UInt8] {
        var archive = TarArchive()
        var info = stat()
        guard (followsLink ? stat(path, &info) : lstat(path, &info)) == 0 else {
            throw TarError("lstat \(path): \(String(cString: strerror(errno)).lowercased())")
        }
        if contentsOnly, info.st_mode & S_IFMT == S_IFDIR {
            for child in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
                try add(path + "/" + child, as: child, to: &archive, keepsOwners: keepsOwners)
            }
        } else {
            try add(path, as: name, to: &archive, keepsOwners: keepsOwners, info: info)
        }
        return archive.finished
    }

    private static func add(
        _ path: String, as name: String, to archive: inout TarArchive, keepsOwners: Bool, info known: stat? = nil
    ) throws {
        var info = known ?? stat()
        if known == nil, lstat(path, &info) != 0 {
            throw TarError("lstat \(path): \(String(cString: strerror(errno)).lowercased())")
        }
        let mode = Int(info.st_mode & 0o7777)
        #if canImport(Glibc)
            let modified = Int(info.st_mtim.tv_sec)
        #else
            let modified = Int(info.st_mtimespec.tv_sec)
        #endif
        let (uid, gid) = keepsOwners ? (Int(info.st_uid), Int(info.st_gid)) : (0, 0)
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            archive.append(.init(path: name, kind: .directory, mode: mode, uid: uid, gid: gid, modified: modified))
            for child in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
                try add(path + "/" + child, as: name + "/" + child, to: &archive, keepsOwners: keepsOwners)
            }
        case S_IFLNK:
            let target = try FileManager.default.destinationOfSymbolicLink(atPath: path)
            archive.append(
                .init(path: name, kind: .symlink(target: target), mode: mode, uid: uid, gid: gid, modified: modified))
        case S_IFREG:
            let contents = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            archive.append(.init(path: name, kind: .file(contents), mode: mode, uid: uid, gid: gid, modified: modified))
        default:
            break  // sockets, devices and FIFOs are not copied
        }
    }
}
