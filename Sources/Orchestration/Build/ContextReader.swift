import Foundation
import Tar

/// Produces a ``BuildContext``'s tar stream: each entry's header, then its content, then the end-of-archive
/// marker, packed into chunks of about `chunkSize` bytes. File contents are read with `read(2)` straight into the
/// chunk being filled: no intermediate buffers, one system call per large read.
public struct ContextReader: AsyncIteratorProtocol {
    let context: BuildContext
    private var index = 0
    private var file: OpenFile?
    private var remaining: UInt64 = 0
    private var currentSize: UInt64 = 0
    private var finished = false

    init(context: BuildContext) {
        self.context = context
    }

    public mutating func next() async throws -> [UInt8]? {
        guard !finished else { return nil }
        let limit = context.chunkSize
        var chunk: [UInt8] = []
        chunk.reserveCapacity(limit + 2048)
        while chunk.count < limit {
            if let open = file {
                let count = Int(Swift.min(UInt64(limit - chunk.count), remaining))
                try open.append(count, to: &chunk)
                remaining -= UInt64(count)
                if remaining == 0 {
                    chunk += TarHeader.padding(forContentSize: currentSize)
                    file = nil
                }
                continue
            }
            guard index < context.entries.count else {
                chunk += TarHeader.endOfArchive
                finished = true
                break
            }
            let entry = context.entries[index]
            index += 1
            chunk += entry.header.bytes
            if let content = entry.generatedContent {
                chunk += content
                chunk += TarHeader.padding(forContentSize: UInt64(content.count))
                continue
            }
            let size = entry.header.contentSize
            if size > 0 {
                file = try OpenFile(path: entry.path, in: context.directory)
                remaining = size
                currentSize = size
            }
        }
        return chunk
    }
}

/// A file descriptor open for reading, closed when the last reference goes (even if the stream is abandoned).
private final class OpenFile {
    let path: String
    let descriptor: Int32

    init(path: String, in directory: String) throws {
        self.path = path
        descriptor = open(directory + "/" + path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BuildContext.ContextError.unreadable(path) }
    }

    deinit { close(descriptor) }

    /// Appends exactly `count` bytes of the file to `chunk`; a file that ends early changed while being read.
    func append(_ count: Int, to chunk: inout [UInt8]) throws {
        let start = chunk.count
        chunk.append(contentsOf: repeatElement(0, count: count))
        var filled = 0
        while filled < count {
            let got = chunk.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + start + filled, count - filled)
            }
            if got < 0, errno == EINTR { continue }
            guard got >= 0 else { throw BuildContext.ContextError.unreadable(path) }
            guard got > 0 else { throw BuildContext.ContextError.changedWhileReading(path) }
            filled += got
        }
    }
}
