import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A Docker Engine 26.1 of the test's own, which it may stop and start (the shared engines are never stopped):
/// `scripts/engine-start.sh 26.1` under a name of its own, so in a network namespace of its own, with its own data
/// root and socket (`/run/NAME/docker.sock`), and the test image. Made by ``with(_:)``, which stops it and removes
/// its data root, folders and namespace when the test ends.
package struct PrivateEngine: Sendable {
    package let name: String

    /// The `DOCKER_HOST` of a command that talks to it.
    package var host: String { "unix:///run/\(name)/docker.sock" }

    /// The environment of a command that talks to it.
    package var environment: [String: String] { ["DOCKER_HOST": host] }

    /// Runs `body` with a private engine started for it.
    @discardableResult
    package static func with<Result>(_ body: (PrivateEngine) async throws -> Result) async throws -> Result {
        let engine = PrivateEngine(name: "pier-test-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))")
        return try await CleanupStack.with { cleanups in
            await cleanups.push { await engine.remove() }
            try await engine.start()
            return try await body(engine)
        }
    }

    /// Starts it (again): `scripts/engine-start.sh 26.1` with its name.
    package func start() async throws {
        let started = try await script("engine-start.sh")
        guard started.status == 0 else {
            throw TestSetupError("the private engine \(name) did not start: \(started.stderr)")
        }
    }

    /// Stops it as a restart does: `signal` (SIGTERM: it stops its containers first) to its dockerd, then waits
    /// until it is gone.
    package func stop(signal: Int32 = SIGTERM) async throws {
        let pidFile = "/run/\(name)/docker.pid"
        guard let text = try? String(contentsOfFile: pidFile, encoding: .utf8), let pid = pid_t(text) else {
            throw TestSetupError("the private engine \(name) has no pid file")
        }
        kill(pid, signal)
        let deadline = ContinuousClock.now + .seconds(60)
        while kill(pid, 0) == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        // A dockerd that got SIGKILL leaves its pid file (engine-start.sh removes a stale one itself).
    }

    /// Stops it and removes everything it had.
    private func remove() async {
        _ = try? await script("engine-stop.sh")
        for path in ["/var/lib/\(name)", "/run/\(name)", "/var/log/\(name).log"] {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    private func script(_ file: String) async throws -> TestSupport.Result {
        try await TestSupport.run(
            TestSupport.repositoryRoot.appendingPathComponent("scripts/\(file)"), ["26.1"],
            in: TestSupport.repositoryRoot,
            environment: TestSupport.baseEnvironment.merging(["PIER_ENGINE26_NAME": name]) { $1 })
    }
}

extension Trait where Self == Requirement {
    /// What a ``PrivateEngine`` needs: root, and Docker Engine 26.1's binaries, which `scripts/engine-start.sh 26.1`
    /// unpacks into `PIER_ENGINE26_HOME` (default `/opt/pier-engine26`).
    package static var requiresPrivateEngine: Self {
        Requirement(
            missing: "a private Docker Engine 26.1 cannot be started (it needs root and the unpacked engine)",
            remedy: "run scripts/engine-start.sh 26.1 as root",
            isMet: {
                let home = ProcessInfo.processInfo.environment["PIER_ENGINE26_HOME"] ?? "/opt/pier-engine26"
                return getuid() == 0 && FileManager.default.isExecutableFile(atPath: "\(home)/root/usr/sbin/dockerd")
            })
    }
}
