import ComposeSpec
import Foundation
import Testing

@testable import ComposeAnalysis

/// The checks that need no engine: files, variables, and the project's own clashes.
@Suite struct ProjectCheckTests {
    static func check(_ files: [String: String], environment: [String: String] = [:]) throws -> [Finding] {
        let directory = try Fixtures.scratch(files)
        var options = ProjectOptions(environment: environment, workingDirectory: directory)
        options.requireEnvFiles = false
        options.requireUniqueContainerNames = false
        let raw = try ProjectLoader.loadRaw(options)
        let project = try ProjectLoader.load(options)
        return ProjectCheck.findings(project: project, raw: raw, variables: ProjectLoader.variableIssues(in: raw))
    }

    static func summary(_ findings: [Finding]) -> [String] {
        findings.map { "\($0.rule)@\($0.location?.line ?? 0)" }
    }

    @Test func filesThatAreMissing() throws {
        let compose = """
            name: t
            services:
              web:
                build: {context: ., dockerfile: web.Dockerfile}
                env_file: [a.env, missing.env, {path: optional.env, required: false}]
                volumes: ["./present:/p", "./absent:/a", {type: bind, source: ./gone, target: /g}]
                secrets: [s]
              api:
                build: ./nowhere
            secrets:
              s: {file: ./s.txt}
            """
        let findings = try Self.check(["compose.yaml": compose, "a.env": "A=1\n", "present/x": ""])
        #expect(
            Self.summary(findings) == [
                "dockerfile-missing@4", "env-file-missing@5", "bind-source-missing@6", "bind-source-missing@6",
                "build-context-missing@9", "file-missing@11",
            ])
        let binds = findings.filter { $0.rule == "bind-source-missing" }.map(\.message)
        #expect(binds.contains { $0.contains("./absent") && $0.contains("empty directory") })
        #expect(binds.contains { $0.contains("./gone") && $0.contains("up fails") })
        #expect(findings.allSatisfy { $0.severity == .error })
    }

    @Test func variablesUnsetAndRequired() throws {
        let compose = """
            name: t
            services:
              web:
                image: "a:${TAG}"
                environment:
                  SET: ${SET}
                  DEFAULTED: ${NOPE:-fine}
                  BLANK: $BLANK
                command: ["${ONE:?give ONE}", "${TWO?}"]
            """
        let directory = try Fixtures.scratch(["compose.yaml": compose])
        let raw = try ProjectLoader.loadRaw(ProjectOptions(environment: ["SET": "x"], workingDirectory: directory))
        let issues = ProjectLoader.variableIssues(in: raw)
        #expect(issues.map(\.name) == ["TAG", "BLANK", "ONE", "TWO"])
        #expect(issues.map { $0.location?.line } == [4, 8, 9, 9])
        #expect(issues[2].kind == .requiredMissing(message: "required variable ONE is missing a value: give ONE"))
        #expect(issues[0].kind == .defaultsToBlank)
    }

    @Test func projectClashes() throws {
        let compose = """
            name: t
            services:
              a: {image: "a:1", container_name: same, ports: ["8080:80"]}
              b: {image: "b:1", container_name: same, ports: ["127.0.0.1:8080:80"]}
            """
        let findings = try Self.check(["compose.yaml": compose])
        #expect(Self.summary(findings).sorted() == ["duplicate-container-name@4", "duplicate-published-port@4"])
    }

    /// Seed 000's Makefile target `check-config` fails without `.env` (mounted into the backend) or `config/`.
    @Test func seed000ReplacesCheckConfig() throws {
        var options = ProjectOptions(environment: [:], workingDirectory: Fixtures.seedDirectory("000"))
        options.files = ["podman-compose.yml"]
        options.requireEnvFiles = false
        let raw = try ProjectLoader.loadRaw(options)
        let findings = ProjectCheck.findings(
            project: try ProjectLoader.load(options), raw: raw, variables: ProjectLoader.variableIssues(in: raw))
        #expect(Self.summary(findings) == ["bind-source-missing@56"])
        #expect(findings.first?.message.contains("./.env (for /app/.env)") == true)
    }
}
