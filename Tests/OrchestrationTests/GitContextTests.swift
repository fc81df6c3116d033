import Foundation
import Testing

@testable import Orchestration

#if canImport(Glibc)
    import Glibc
#endif

/// Fetching a git context runs `git`: a fetch that hangs ends when its task is cancelled, helpers and all.
@Suite struct GitContextTests {
    /// A loopback port that accepts connections (the kernel's backlog does) and never answers.
    static func silentListener() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 8) == 0
                    && getsockname(descriptor, generic, &length) == 0
            }
        }
        try #require(bound)
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// The processes whose command line mentions `text`.
    static func processes(mentioning text: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
            return line.contains(text) ? line : nil
        }
    }

    /// The time limit is a backstop for a fetch that never ends: on a loaded machine (the whole suite on two cores)
    /// the test's own steps can wait a minute for a thread.
    @Test(.timeLimit(.minutes(3))) func cancellingAHangingFetchEndsGitAndItsHelpers() async throws {
        let (descriptor, port) = try Self.silentListener()
        defer { close(descriptor) }
        let url = "http://127.0.0.1:\(port)/repo.git"
        let git = try #require(GitContext(url))
        let fetch = Task { try await git.fetch() }
        // git and its HTTP helper start and wait for an answer that never comes.
        for _ in 0..<400 where Self.processes(mentioning: url).isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!Self.processes(mentioning: url).isEmpty, "git never started")
        let cancelled = ContinuousClock.now
        fetch.cancel()
        await #expect(throws: (any Error).self) { try await fetch.value }
        #expect(ContinuousClock.now - cancelled < .seconds(10))
        #expect(Self.processes(mentioning: url).isEmpty, "git outlived its cancelled task")
    }
}
