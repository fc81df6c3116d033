import Foundation
import PierTestSupport
import Testing

/// `pier lint` and `pier graph` as a user runs them: exit statuses, formats, the config file, `--fix`.
/// No engine needed.
@Suite struct LintCommandTests {
    static let compose = """
        version: "3.8"
        services:
          db:
            image: "postgres:16"
            privileged: true
            volumes:
              - ./init.sql:/docker-entrypoint-initdb.d/init.sql
              - data:/var/lib/postgresql/data
        volumes: {data: {}}
        """

    @Test func exitStatusFollowsFailOn() async throws {
        try await ScratchProject.with(Self.compose, files: ["init.sql": ""]) { project in
            let errors = try await project.pier("lint")
            #expect(errors.status == 1)  // privileged is an error
            #expect(errors.stdout.contains("compose.yaml:5:17: error [privileged] service \"db\": runs privileged\n"))
            #expect(errors.stdout.hasSuffix(" info)\n"))
            #expect(try await project.pier("lint", "--fail-on", "never").status == 0)
            try "rules:\n  privileged: warning\n".write(
                to: project.directory.appendingPathComponent(".pier-lint.yaml"), atomically: true, encoding: .utf8)
            #expect(try await project.pier("lint").status == 0)
            #expect(try await project.pier("lint", "--fail-on", "warning").status == 1)
            let badConfig = try await project.pier("lint", "--config", "nowhere.yaml")
            #expect(badConfig.status == 1)
            #expect(badConfig.stderr.contains("nowhere.yaml"))
        }
    }

    @Test func fixDryRunChangesNothingThenFixDoes() async throws {
        try await ScratchProject.with(Self.compose, files: ["init.sql": ""]) { project in
            let file = project.directory.appendingPathComponent("compose.yaml")
            let diff = try await project.pier("lint", "--fix", "--dry-run")
            #expect(diff.status == 0)
            #expect(diff.stdout.hasPrefix("--- a/compose.yaml\n+++ b/compose.yaml\n"))
            #expect(diff.stdout.contains("-version: \"3.8\"\n"))
            #expect(diff.stdout.contains("+      - ./init.sql:/docker-entrypoint-initdb.d/init.sql:ro\n"))
            #expect(try String(contentsOf: file, encoding: .utf8) == Self.compose)
            // Applying the diff with patch(1) gives what --fix writes.
            let patched = try await TestSupport.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["patch", "-p1", "--dry-run"], in: project.directory,
                environment: project.environment, stdin: Data(diff.stdout.utf8))
            #expect(patched.status == 0, "\(patched.stdout)\(patched.stderr)")
            let fixed = try await project.pier("lint", "--fix", "--fail-on", "never")
            #expect(fixed.stderr.contains("fixed 2 problem(s)"))
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains("version"))
            #expect(text.contains("init.sql:ro"))
            #expect(!fixed.stdout.contains("[obsolete-version]"))
            #expect(try await project.pier("config", "-q").status == 0)
        }
    }

    @Test func invalidProjectIsOneFinding() async throws {
        try await ScratchProject.with("services:\n  web:\n    imag: nginx\n") { project in
            let text = try await project.pier("lint")
            #expect(text.status == 1)
            #expect(text.stderr.contains("compose.yaml:3:5"))
            let json = try await project.pier("lint", "--format", "json")
            #expect(json.status == 1)
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let findings = try #require(object?["findings"] as? [[String: Any]])
            #expect(findings.map { $0["rule"] as? String } == ["invalid-compose"])
            #expect(findings.first?["line"] as? Int == 3)
        }
    }

    @Test func explainAndListRules() async throws {
        try await ScratchProject.with("services: {}\n") { project in
            let explain = try await project.pier("lint", "--explain", "docker-socket")
            #expect(explain.stdout.hasPrefix("docker-socket: The engine's socket must not be mounted\n"))
            #expect(explain.stdout.contains("severity: error  category: security"))
            #expect(try await project.pier("lint", "--explain", "no-such-rule").status != 0)
            let list = try await project.pier("lint", "--list-rules")
            #expect(list.stdout.split(separator: "\n").count >= 36)
        }
    }

    @Test func graphFormatsFromTheCommandLine() async throws {
        try await ScratchProject.with(
            "services:\n  web: {image: \"a:1\", depends_on: [db]}\n  db: {image: \"b:1\", profiles: [x]}\n"
        ) { project in
            let dot = try await project.pier("graph")
            #expect(dot.stdout.contains("\"service:web\" -> \"service:db\" [label=\"depends_on service_started\""))
            let mermaid = try await project.pier("graph", "--format", "mermaid")
            #expect(mermaid.stdout.contains("service_web -->|\"depends_on service_started\"| service_db"))
            // With a profile named, only the active services are drawn (db is behind profile x).
            let onlyActive = try await project.pier("--profile", "other", "graph", "--format", "tree")
            #expect(onlyActive.status == 1)
            #expect(onlyActive.stderr.contains("depends on undefined service \"db\""))
            let tree = try await project.pier("--profile", "x", "graph", "--format", "tree")
            #expect(tree.stdout.contains("service db  image=b:1 replicas=1 profiles=x\n"))
            #expect(try await project.pier("graph", "--format", "svg").status != 0)
        }
    }
}
