import Foundation
import PierTestSupport
import Testing

/// Service secrets outside Swarm, as the Compose Specification says: `uid`, `gid` and `mode` apply (Docker Compose
/// ignores them and bind-mounts a file as the host has it), and a secret's content never shows in what Pier prints.
@Suite(.requiresEngine)
struct SecretTests {
    static let token = "s3cr3t-\(UInt64.random(in: 0...UInt64.max))"
    static let compose = """
        services:
          app:
            image: pier-test/busybox
            command: sleep 3600
            stop_signal: SIGKILL
            secrets:
              - {source: from_file, uid: '1000', gid: '1001', mode: 0400}
              - {source: from_env, target: env_token, uid: '1000', mode: 0440}
              - {source: from_env, target: plain}
        secrets:
          from_file: {file: ./token.txt}
          from_env: {environment: TOKEN}

        """

    @Test func ownerAndModeApplyToEverySecret() async throws {
        try await ScratchProject.with(Self.compose, files: ["token.txt": Self.token]) { project in
            let up = try await project.pier(["up", "-d"], environment: ["TOKEN": Self.token])
            #expect(up.status == 0, "\(up.stderr)")
            let listed = try await project.pier(
                "exec", "-T", "app", "stat", "-c", "%u %g %a %n", "/run/secrets/from_file", "/run/secrets/env_token",
                "/run/secrets/plain")
            #expect(
                listed.stdout
                    == "1000 1001 400 /run/secrets/from_file\n1000 0 440 /run/secrets/env_token\n"
                    + "0 0 444 /run/secrets/plain\n")
            // Its owner reads it; another user cannot.
            let owner = try await project.pier("exec", "-T", "-u", "1000", "app", "cat", "/run/secrets/from_file")
            #expect(owner.stdout == Self.token)
            let other = try await project.pier("exec", "-T", "-u", "2000", "app", "cat", "/run/secrets/from_file")
            #expect(other.status != 0)
        }
    }

    @Test func aSecretsContentIsNeverPrinted() async throws {
        // A second service whose secret cannot be written (its root is read-only): up fails after reading it.
        let broken = """
              broken:
                image: pier-test/busybox
                command: sleep 3600
                read_only: true
                secrets: [{source: from_file, mode: 0400}]

            """
        let compose = Self.compose.replacingOccurrences(
            of: "secrets:\n  from_file", with: broken + "secrets:\n  from_file")
        try await ScratchProject.with(compose, files: ["token.txt": Self.token]) { project in
            let environment = ["TOKEN": Self.token]
            var outputs: [String: TestSupport.Result] = [:]
            outputs["up"] = try await project.pier(["--progress", "plain", "up", "-d"], environment: environment)
            #expect(outputs["up"]?.status == 1)
            #expect(outputs["up"]?.stderr.contains("cannot write /run/secrets/from_file into its container") == true)
            outputs["ps"] = try await project.pier(["ps", "-a", "--format", "json"], environment: environment)
            outputs["logs"] = try await project.pier(["logs"], environment: environment)
            outputs["events"] = try await project.pier(
                ["events", "--json", "--since", "0", "--until", "\(Int(Date().timeIntervalSince1970) + 1)"],
                environment: environment)
            outputs["down"] = try await project.pier(["--progress", "plain", "down"], environment: environment)
            for (command, result) in outputs {
                #expect(!result.stdout.contains(Self.token) && !result.stderr.contains(Self.token), "pier \(command)")
            }
        }
    }
}
