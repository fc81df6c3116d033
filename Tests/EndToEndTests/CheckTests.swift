import Foundation
import PierTestSupport
import Testing

/// `pier check` against the real engine: each kind of finding `up` would trip on, found by reading only.
@Suite(.requiresEngine)
struct CheckTests {
    /// The findings of `pier check --format json`: `rule@line` each, and the exit status.
    static func check(_ project: ScratchProject, _ extra: [String] = [], environment: [String: String] = [:])
        async throws -> (rules: [String], status: Int32, output: String)
    {
        let result = try await project.pier(["check", "--format", "json"] + extra, environment: environment)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let findings = object?["findings"] as? [[String: Any]] ?? []
        let rules = findings.map { "\($0["rule"] as? String ?? "")@\($0["line"] as? Int ?? 0)" }
        return (rules, result.status, result.stdout + result.stderr)
    }

    @Test func cleanProjectPasses() async throws {
        try await ScratchProject.with(
            """
            services:
              web:
                image: pier-test/busybox:latest
                command: ["sleep", "60"]
            """
        ) { project in
            let result = try await Self.check(project)
            #expect(result.rules == [])
            #expect(result.status == 0, "\(result.output)")
            let text = try await project.pier("check")
            #expect(text.stdout == "no problems\n")
        }
    }

    /// A port another process listens on, a container name another container has, external resources and an
    /// image that are nowhere: each found, and nothing created.
    @Test func engineAndHostFindings() async throws {
        let taken = "piercheck-taken-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        try await TestHTTPServer.with(route: { _ in .silent }) { listener in
            try await ScratchProject.with(
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
                """
            ) { project in
                await project.onCleanUp { _ = try? await project.docker("rm", "-f", taken) }
                #expect(
                    try await project.docker("create", "--name", taken, "pier-test/busybox:latest", "true").status == 0)
                let result = try await Self.check(project)
                #expect(
                    result.rules == [
                        "port-in-use@4", "name-conflict@8", "image-missing@10", "external-missing@13",
                        "external-missing@15",
                    ], "\(result.output)")
                #expect(result.status == 1)
                // Nothing was created: no container, no network of the project.
                #expect(try await project.pier("ps", "-a", "-q").stdout.isEmpty)
                let networks = try await project.docker(
                    "network", "ls", "-q", "--filter", "label=com.docker.compose.project=\(project.name)")
                #expect(networks.stdout.isEmpty)
            }
        }
    }

    /// The reference's `up` fails with "unsupported external secret token" outside Swarm: so does the check.
    @Test func externalSecretOutsideSwarm() async throws {
        try await ScratchProject.with(
            """
            services:
              web:
                image: pier-test/busybox:latest
                secrets: [token]
            secrets:
              token: {external: true}
            """
        ) { project in
            let result = try await Self.check(project)
            #expect(result.rules == ["service-unsupported@4"], "\(result.output)")
            #expect(result.output.contains("only exists in Swarm mode"))
        }
    }

    @Test func filesAndVariablesWithoutEngine() async throws {
        try await ScratchProject.with(
            """
            services:
              web:
                image: pier-test/busybox:latest
                env_file: [missing.env]
                environment: {TOKEN: "${PIER_CHECK_UNSET_TOKEN}"}
                volumes: ["./config:/config:ro"]
            """
        ) { project in
            let nowhere = ["DOCKER_HOST": "unix:///nonexistent.sock"]
            let result = try await Self.check(project, ["--no-engine"], environment: nowhere)
            #expect(
                result.rules == ["env-file-missing@4", "variable-unset@5", "bind-source-missing@6"],
                "\(result.output)")
            #expect(result.status == 1)
            let unreachable = try await Self.check(project, environment: nowhere)
            #expect(unreachable.rules.contains("engine-unreachable@0"))
        }
    }

    @Test func everyMissingRequiredVariable() async throws {
        try await ScratchProject.with(
            """
            services:
              web:
                image: "pier-test/busybox:${PIER_CHECK_TAG:?}"
                environment: {KEY: "${PIER_CHECK_KEY:?set the key}"}
            """
        ) { project in
            let result = try await Self.check(project)
            #expect(result.rules == ["variable-required@3", "variable-required@4"], "\(result.output)")
            #expect(result.output.contains("required variable PIER_CHECK_KEY is missing a value: set the key"))
            #expect(result.status == 1)
        }
    }

    /// A service behind an inactive profile is interpolated too, and fails the load.
    @Test func requiredVariableBehindAnInactiveProfile() async throws {
        try await ScratchProject.with(
            """
            services:
              web: {image: "pier-test/busybox:latest"}
              tool: {image: "pier-test/busybox:${PIER_CHECK_TOOL_TAG:?}", profiles: [tools]}
            """
        ) { project in
            let inactive = try await Self.check(project, ["--no-engine"])
            #expect(inactive.rules == ["invalid-compose@3"], "\(inactive.output)")
            #expect(inactive.status == 1)
        }
    }
}
