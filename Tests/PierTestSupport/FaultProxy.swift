import Foundation

/// `scripts/engine-proxy/proxy.py` between the commands a test runs and the engine: it logs every request and
/// injects the faults it is started with (`["--drop", "5"]`, `["--hang", "/rename"]`…; see the script). Commands
/// go through it with ``host`` as their `DOCKER_HOST`. Made by ``with(_:_:)``, which stops it when the test ends.
package struct FaultProxy: Sendable {
    package let socket: URL
    package let log: URL

    /// The `DOCKER_HOST` of a command that goes through the proxy.
    package var host: String { "unix://\(socket.path)" }

    /// The environment of a command that goes through the proxy.
    package var environment: [String: String] { ["DOCKER_HOST": host] }

    /// Runs `body` while a proxy with `faults` forwards to the engine the tests use (a unix socket).
    @discardableResult
    package static func with<Result: Sendable>(
        _ faults: [String] = [], _ body: (FaultProxy) async throws -> Result
    ) async throws -> Result {
        let directory = URL(fileURLWithPath: "/tmp/pier-proxy-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let proxy = FaultProxy(
            socket: directory.appendingPathComponent("engine.sock"),
            log: directory.appendingPathComponent("requests.jsonl"))
        let ready = directory.appendingPathComponent("ready")
        let script = TestSupport.repositoryRoot.appendingPathComponent("scripts/engine-proxy/proxy.py")
        var result: Result?
        let outcome = try await TestSupport.launch(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["python3", script.path, "--ready", ready.path] + faults + [
                proxy.socket.path, proxy.log.path, try TestSupport.engineSocket(),
            ],
            in: directory, environment: TestSupport.baseEnvironment
        ) { running in
            let deadline = ContinuousClock.now + .seconds(15)
            while !FileManager.default.fileExists(atPath: ready.path) {
                guard ContinuousClock.now < deadline, !running.hasExited else {
                    throw TestSetupError("the engine proxy did not start: \(running.stderr)")
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            result = try await body(proxy)
        }
        guard let result else { throw TestSetupError("the engine proxy ended early: \(outcome.stderr)") }
        return result
    }

    /// The requests the proxy has seen, in order: their request lines (`POST /v1.41/containers/create?name=… HTTP/1.1`)
    /// and the client connection each came on.
    package func requests() -> [(line: String, connection: Int)] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let request = entry["request"] as? String
            else { return nil }
            return (request, entry["connection"] as? Int ?? 0)
        }
    }

    /// Waits up to `seconds` for a request whose line contains `text`; whether one came.
    @discardableResult
    package func waitForRequest(containing text: String, seconds: Double = 30) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if requests().contains(where: { $0.line.contains(text) }) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}

extension TestSupport {
    /// The socket of the engine the tests use: `DOCKER_HOST` when it is a unix socket, else the default one.
    package static func engineSocket() throws -> String {
        guard let host = ProcessInfo.processInfo.environment["DOCKER_HOST"], !host.isEmpty else {
            return "/var/run/docker.sock"
        }
        guard host.hasPrefix("unix://") else { throw TestSetupError("a unix socket is needed, not \(host)") }
        return String(host.dropFirst("unix://".count))
    }
}
