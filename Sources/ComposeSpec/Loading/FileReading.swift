import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Paths {
    /// Where a file to read was named, which decides what kinds of file may be read.
    enum Origin {
        /// On the command line (`-f`, `--env-file`) or by the environment: a pipe such as `<(…)` is fine there.
        case commandLine
        /// Inside a compose file (`env_file`, `label_file`): a regular file, or a device such as `/dev/null`. A pipe
        /// would wait for a writer forever.
        case composeFile
    }

    /// Reads a text file, at most `LoaderLimits.fileSize` bytes of it (so `/dev/zero` ends in an error, not in all
    /// the memory there is), without its byte order mark.
    static func readText(_ path: String, from origin: Origin = .commandLine) throws(ComposeError) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw ComposeError(.missingFile, systemError(), file: path)
        }
        switch status.st_mode & S_IFMT {
        case S_IFDIR:
            throw ComposeError(.missingFile, "is a directory, not a file", file: path)
        case S_IFREG, S_IFCHR:
            break
        default:
            guard origin == .commandLine else {
                throw ComposeError(.invalidValue, "not a regular file: a pipe or socket would wait forever", file: path)
            }
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ComposeError(.missingFile, systemError(), file: path)
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                throw ComposeError(.missingFile, systemError(), file: path)
            }
            if count == 0 { break }
            bytes += chunk[..<count]
            if bytes.count > LoaderLimits.fileSize {
                throw ComposeError(
                    .invalidValue,
                    LoaderLimits.exceeded("larger than \(LoaderLimits.fileSize >> 20) MiB"), file: path)
            }
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    /// The C library's message for `errno`, worded as Go words it (`no such file or directory`).
    private static func systemError() -> String {
        String(cString: strerror(errno)).lowercased()
    }
}
