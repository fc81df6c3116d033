import Foundation
import PierTestSupport
import Testing

/// Helpers for `exec`, `run`, `attach` and `cp`: payloads, digests, a pseudo-terminal, and a project with a running
/// service.
enum InteractiveSupport {
    /// Runs `body` with a project whose `web` service sleeps, brought up; removed afterwards.
    static func withRunningProject(
        _ compose: String = defaultCompose, scale: Int = 1, _ body: (ScratchProject) async throws -> Void
    ) async throws {
        try await ScratchProject.with(compose) { project in
            let up = try await project.pier("up", "-d", "--scale", "web=\(scale)")
            #expect(up.status == 0, "\(up.stderr)")
            try await body(project)
        }
    }

    static let defaultCompose = """
        services:
          web: {image: pier-test/busybox, command: sleep 3600, environment: {FROM_SERVICE: yes}}
        """

    /// `count` random bytes written to a scratch file.
    static func randomFile(bytes count: Int, in directory: URL, name: String = "payload") throws -> URL {
        var generator = SystemRandomNumberGenerator()
        var data = Data(capacity: count)
        for _ in 0..<(count / 8) { withUnsafeBytes(of: generator.next() as UInt64) { data.append(contentsOf: $0) } }
        let url = directory.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    /// The SHA-256 of a file, by the system's `sha256sum`.
    static func sha256(of url: URL) async throws -> String {
        let result = try await shell("sha256sum < '\(url.path)'", in: url.deletingLastPathComponent())
        return String(result.stdout.prefix(64))
    }

    /// Runs `command` with `sh -c` in `directory` (for redirections, as a user types them).
    @discardableResult
    static func shell(_ command: String, in directory: URL, environment: [String: String]? = nil) async throws
        -> TestSupport.Result
    {
        try await TestSupport.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", command], in: directory,
            environment: environment ?? ProcessInfo.processInfo.environment)
    }

    /// Runs `command` under a pseudo-terminal of 30 rows and 100 columns with `script`, keeping the terminal's
    /// input open for `seconds`; returns what the terminal showed, and the terminal's settings afterwards.
    static func underTerminal(_ command: String, project: ScratchProject, seconds: Int = 4) async throws
        -> TestSupport.Result
    {
        let inner = "stty rows 30 cols 100; \(command); echo \"status=$?\"; stty -a"
        let quoted = inner.replacingOccurrences(of: "'", with: "'\\''")
        return try await TestSupport.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "sleep \(seconds) | script -qec '\(quoted)' /dev/null"],
            in: project.directory,
            environment: project.environment.merging(["PIER": TestSupport.pierBinary.path]) {
                $1
            })
    }
}
