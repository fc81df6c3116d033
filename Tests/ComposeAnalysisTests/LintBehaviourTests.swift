import ComposeSpec
import Foundation
import Testing

@testable import ComposeAnalysis

/// Suppression comments, the config file, positions through merge, `extends` and `include`, and the fixes.
@Suite struct LintBehaviourTests {
    static func lint(_ files: [String: String], config: LintConfig = LintConfig()) throws -> [Finding] {
        Linter(config: config).lint(LintContext(project: try Fixtures.project(files)))
    }

    @Test func commentsTurnRulesOff() throws {
        let compose = """
            name: t
            services:
              a:
                image: a:1
                privileged: true  # pier-lint disable=privileged
                pid: host
              # pier-lint disable=host-namespace,privileged
              b:
                image: b:1
                privileged: true
                pid: host
              c:
                image: c:1
                privileged: true
            """
        let found = try Self.lint(["compose.yaml": compose]).filter {
            ["privileged", "host-namespace"].contains($0.rule)
        }
        #expect(found.map { "\($0.rule)@\($0.location!.line)" } == ["host-namespace@6", "privileged@14"])
        let fileWide = "# pier-lint disable-file=all\n" + compose
        #expect(try Self.lint(["compose.yaml": fileWide]).isEmpty)
    }

    @Test func configChangesLevelsAndExcludesServices() throws {
        let config = try LintConfig.parse(
            "rules:\n  privileged: warning\n  missing-restart: off\nexclude:\n  host-namespace: [a]\n", file: "c.yaml")
        let compose = "name: t\nservices:\n  a:\n    image: a:1\n    privileged: true\n    pid: host\n"
        let found = try Self.lint(["compose.yaml": compose], config: config)
        #expect(found.first { $0.rule == "privileged" }?.severity == .warning)
        #expect(!found.contains { $0.rule == "missing-restart" || $0.rule == "host-namespace" })
    }

    @Test func configErrorsNameTheirPlace() {
        #expect(throws: ComposeError.self) { try LintConfig.parse("rules:\n  no-such-rule: off\n", file: "c.yaml") }
        do {
            _ = try LintConfig.parse("rules:\n  privileged: loud\n", file: "c.yaml")
            Issue.record("a bad level was accepted")
        } catch {
            #expect(error.location?.line == 2)
            #expect(error.message.contains("off, info, warning or error"))
        }
    }

    /// A value merged from an override file, one inherited through `extends` from another file, and one from an
    /// included project each point at the file and line they were written at.
    @Test func findingsPointAtTheOriginalFile() throws {
        let directory = try Fixtures.scratch([
            "compose.yaml": """
            name: t
            include: [sub/compose.yaml]
            services:
              web:
                extends: {file: base.yaml, service: base}
                image: "web:1"
              db:
                image: "postgres:16"
                environment: {POSTGRES_PASSWORD: "${PW:?}"}
            """,
            "compose.override.yaml": "services:\n  db:\n    ports: [\"5432:5432\"]\n",
            "base.yaml": "services:\n  base:\n    image: base:1\n    privileged: true\n",
            "sub/compose.yaml": "services:\n  tool:\n    image: tool:1\n    network_mode: host\n",
        ])
        var options = ProjectOptions(environment: ["PW": "secret"], workingDirectory: directory)
        options.profiles = ["*"]
        let project = try ProjectLoader.load(options)
        // The loader keeps each file it read as written, those `extends` and `include` read too.
        let read = project.sourceDocuments.keys.map { String($0.dropFirst(directory.count + 1)) }.sorted()
        #expect(read == ["base.yaml", "compose.override.yaml", "compose.yaml", "sub/compose.yaml"])
        let findings = Linter().lint(LintContext(project: project))
        func place(_ rule: String) -> String? {
            findings.first { $0.rule == rule }.map {
                "\(URL(fileURLWithPath: $0.location!.file).lastPathComponent):\($0.location!.line):\($0.location!.column)"
            }
        }
        #expect(place("privileged") == "base.yaml:4:17")
        #expect(place("database-port-exposed") == "compose.override.yaml:3:13")
        #expect(place("host-network") == "compose.yaml:4:19")
        #expect(findings.first { $0.rule == "host-network" }?.file?.hasSuffix("sub/compose.yaml") == true)
        // The interpolated password came from a variable: not a literal secret.
        #expect(!findings.contains { $0.rule == "secret-in-environment" })
    }

    @Test func fixesApplyAndShowAsDiff() throws {
        let compose = """
            version: "3.8"

            services:
              db:
                image: "postgres:16"
                ports:
                  - 9000:9000
                  - "5432:5432"
                volumes:
                  - ./init.sql:/docker-entrypoint-initdb.d/init.sql  # schema
                  - data:/var/lib/postgresql/data
            volumes: {data: {}}
            """
        let project = try Fixtures.project(["compose.yaml": compose, "init.sql": ""])
        let context = LintContext(project: project)
        let findings = Linter().lint(context)
        let fixes = FixSet(findings: findings, sources: context.sources)
        let file = try #require(project.configFiles.first)
        #expect(
            fixes.fixedTexts[file] == """
                services:
                  db:
                    image: "postgres:16"
                    ports:
                      - "9000:9000"
                      - "5432:5432"
                    volumes:
                      - ./init.sql:/docker-entrypoint-initdb.d/init.sql:ro  # schema
                      - data:/var/lib/postgresql/data
                volumes: {data: {}}
                """)
        let diff = fixes.diff(baseDirectory: project.workingDirectory)
        #expect(diff.hasPrefix("--- a/compose.yaml\n+++ b/compose.yaml\n@@ -1,"))
        #expect(diff.contains("-version: \"3.8\"\n"))
        #expect(diff.contains("-      - 9000:9000\n+      - \"9000:9000\"\n"))
        // `ports-order` shares its lines with `unquoted-port`: it waits for the next run.
        try fixes.fixedTexts[file]!.write(toFile: file, atomically: true, encoding: .utf8)
        var options = ProjectOptions(environment: [:], workingDirectory: project.workingDirectory)
        options.profiles = ["*"]
        let again = LintContext(project: try ProjectLoader.load(options))
        let second = FixSet(findings: Linter().lint(again), sources: again.sources)
        #expect(second.fixedTexts[file]?.contains("      - \"5432:5432\"\n      - \"9000:9000\"") == true)
    }

    @Test func quotedVolumesLoseQuotesTheyDoNotNeed() throws {
        let compose =
            "name: t\nservices:\n  a:\n    image: a:1\n    volumes:\n      - \"./x:/x:ro\"\n      - './a #b:/c'\n"
        let project = try Fixtures.project(["compose.yaml": compose])
        var config = LintConfig()
        config.levels["quoted-volume"] = .info
        let context = LintContext(project: project)
        let findings = Linter(config: config).lint(context).filter { $0.rule == "quoted-volume" }
        #expect(findings.map { $0.location?.line } == [6, 7])
        let fixed = FixSet(findings: findings, sources: context.sources).fixedTexts[project.configFiles[0]]
        #expect(fixed?.contains("      - ./x:/x:ro\n      - './a #b:/c'") == true)
    }
}
