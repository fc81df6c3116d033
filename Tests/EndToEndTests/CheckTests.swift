import Foundation
import Testing

/// `pier check` against the real engine: each kind of finding `up` would trip on, found by reading only.
@Suite(.enabled(if: EngineSupport.enabled, EngineSupport.skipMessage))
struct CheckTests {
    /// The findings of `pier check --format json`: `rule@line` each, and the exit status.
    static func check(_ project: ScratchProject, _ extra: [String] = [], environment: [String: String] = [:]) throws
        -> (rules: [String], status: Int32, output: String)
    {
        let result = try TestSupport.run(
            TestSupport.pierBinary, ["check", "--format", "json"] + extra, in: project.directory,
            environment: project.environment.merging(environment) { $1 })
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        let rules = findings.map { "\($0["rule"] as? String ?? "")@\($0["line"] as? Int ?? 0)" }
        return (rules, result.status, result.stdout + result.stderr)
    }

    @Test func cleanProjectPasses() throws {
        let project = try ScratchProject(
            """
            services:
              web:
                image: pier-test/busybox:latest
                command: ["sleep", "60"]
            """)
        defer { project.cleanUp() }
        let result = try Self.check(project)
        #expect(result.rules == [])
        #expect(result.status == 0, "\(result.output)")
        let text = try project.pier("check")
        #expect(text.stdout == "no problems\n")
    }

    /// A port another process listens on, a container name another container has, external resources and an
    /// image that are nowhere: each found, and nothing created.
    @Test func engineAndHostFindings() throws {
        let listener = try PortListener()
        defer { listener.stop() }
        let taken = "piercheck-taken-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let project = try ScratchProject(
            """
            services:
              web:
                image: pier-test/busybox:latest
                ports: ["127.0.0.1:\(listener.port):80"]
                networks: [outside]
              named:
                image: pier-test/busybox:latest
                container_name: \(taken)
              db:
                image: pier-nowhere/db:1
                volumes: ["ext:/data"]
            networks:
              outside: {external: true, name: pier-check-no-such-network}
            volumes:
              ext: {external: true, name: pier-check-no-such-volume}
            """)
        defer { project.cleanUp() }
        try project.docker("create", "--name", taken, "pier-test/busybox:latest", "true")
        defer { _ = try? project.docker("rm", "-f", taken) }
        let result = try Self.check(project)
        #expect(
            result.rules == [
                "port-in-use@4", "name-conflict@8", "image-missing@10", "external-missing@13", "external-missing@15",
            ], "\(result.output)")
        #expect(result.status == 1)
        // Nothing was created: no container, no network of the project.
        #expect(try project.pier("ps", "-a", "-q").stdout.isEmpty)
        let networks = try project.docker(
            "network", "ls", "-q", "--filter", "label=com.docker.compose.project=\(project.name)")
        #expect(networks.stdout.isEmpty)
    }

    /// The reference's `up` fails with "unsupported external secret token" outside Swarm: so does the check.
    @Test func externalSecretOutsideSwarm() throws {
        let project = try ScratchProject(
            """
            services:
              web:
                image: pier-test/busybox:latest
                secrets: [token]
            secrets:
              token: {external: true}
            """)
        defer { project.cleanUp() }
        let result = try Self.check(project)
        #expect(result.rules == ["service-unsupported@4"], "\(result.output)")
        #expect(result.output.contains("only exists in Swarm mode"))
    }

    @Test func filesAndVariablesWithoutEngine() throws {
        let project = try ScratchProject(
            """
            services:
              web:
                image: pier-test/busybox:latest
                env_file: [missing.env]
                environment: {TOKEN: "${PIER_CHECK_UNSET_TOKEN}"}
                volumes: ["./config:/config:ro"]
            """)
        defer { project.cleanUp() }
        let result = try Self.check(project, ["--no-engine"], environment: ["DOCKER_HOST": "unix:///nonexistent.sock"])
        #expect(
            result.rules == ["env-file-missing@4", "variable-unset@5", "bind-source-missing@6"], "\(result.output)")
        #expect(result.status == 1)
        let unreachable = try Self.check(project, environment: ["DOCKER_HOST": "unix:///nonexistent.sock"])
        #expect(unreachable.rules.contains("engine-unreachable@0"))
    }

    @Test func everyMissingRequiredVariable() throws {
        let project = try ScratchProject(
            """
            services:
              web:
                image: "pier-test/busybox:${PIER_CHECK_TAG:?}"
                environment: {KEY: "${PIER_CHECK_KEY:?set the key}"}
            """)
        defer { project.cleanUp() }
        let result = try Self.check(project)
        #expect(result.rules == ["variable-required@3", "variable-required@4"], "\(result.output)")
        #expect(result.output.contains("required variable PIER_CHECK_KEY is missing a value: set the key"))
        #expect(result.status == 1)
        // A service behind an inactive profile is interpolated too, and fails the load.
        let profiled = try ScratchProject(
            """
            services:
              web: {image: "pier-test/busybox:latest"}
              tool: {image: "pier-test/busybox:${PIER_CHECK_TOOL_TAG:?}", profiles: [tools]}
            """)
        defer { profiled.cleanUp() }
        let inactive = try Self.check(profiled, ["--no-engine"])
        #expect(inactive.rules == ["invalid-compose@3"], "\(inactive.output)")
        #expect(inactive.status == 1)
    }
}

/// A TCP port on 127.0.0.1 that a child process listens on, the kernel choosing the number; the child exits when
/// its standard input closes.
struct PortListener {
    let process: Process
    let input = Pipe()
    let port: Int

    init() throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(); "
                + "print(s.getsockname()[1], flush=True); import sys; sys.stdin.read()",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line += byte
        }
        port = Int(String(decoding: line, as: UTF8.self)) ?? 0
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
