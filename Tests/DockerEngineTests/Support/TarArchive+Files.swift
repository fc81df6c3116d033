import Tar

extension TarArchive {
    /// A finished archive of regular files, for build contexts and files put into containers.
    static func make(_ files: [(path: String, contents: String)]) -> [UInt8] {
        TarArchive(
            files.map { file in
                let content = Array(file.contents.utf8)
                let header = TarHeader(
                    path: file.path, kind: .file(size: UInt64(content.count)), modified: 1_700_000_000)
                return (header, content)
            }
        ).finished
    }
}
