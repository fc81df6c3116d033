import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes to the process's own standard output and error, whole buffers at a time.
enum StandardStreams {
    /// Writes all of `bytes` to `descriptor`, resuming after partial writes and interruptions. A closed reader
    /// (`| head`) ends the writing silently: what follows cannot be delivered anyway.
    static func write(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return
                }
                offset += written
            }
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, pointer, count)
        #else
            Darwin.write(descriptor, pointer, count)
        #endif
    }
}

/// A file descriptor (standard input) read on a thread of its own, since it may be a regular file
/// (`< backup.sql`) that an event loop cannot watch. The thread reads at most two chunks ahead of the consumer,
/// so a large file streams through a small buffer.
final class DescriptorReader: Sendable {
    private let chunks: AsyncStream<[UInt8]>
    private let permits: DispatchSemaphore

    init(descriptor: Int32, chunkSize: Int = 256 * 1024) {
        let (chunks, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        // Created at zero and raised: libdispatch traps when a semaphore is freed below its initial value.
        let permits = DispatchSemaphore(value: 0)
        permits.signal()
        permits.signal()
        self.chunks = chunks
        self.permits = permits
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: chunkSize)
            while true {
                permits.wait()
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, chunkSize) }
                if count < 0, errno == EINTR {
                    permits.signal()
                    continue
                }
                guard count > 0 else { return continuation.finish() }
                if case .terminated = continuation.yield(Array(buffer[0..<count])) { return }
            }
        }
        thread.start()
    }

    /// Runs `body` with each chunk until end of file, or until the calling task is cancelled. Iterate once.
    func forEach(_ body: ([UInt8]) async throws -> Void) async rethrows {
        for await chunk in chunks {
            try await body(chunk)
            permits.signal()
        }
    }
}
