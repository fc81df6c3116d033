import ComposeSpec
import Testing

@testable import ComposeAnalysis

/// One service snippet, the rule it must trigger, and the line the finding must point at (0: no finding).
struct RuleCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var service: String
    var line: Int
    var files: [String: String]

    init(_ rule: String, _ service: String, line: Int, files: [String: String] = [:]) {
        self.rule = rule
        self.service = service
        self.line = line
        self.files = files
    }

    var testDescription: String { "\(rule) at \(line)" }

    /// The compose file: `name: t`, then the snippet as service `s` (from line 3), then the resources.
    var compose: String {
        "name: t\nservices:\n  s:\n"
            + service.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "    " + $0 }.joined(separator: "\n")
            + "\nvolumes: {data: {}}\nnetworks: {back: {}}\nsecrets: {token: {file: ./token}}\n"
    }
}

@Suite struct LintRuleTests {
    /// Line 4 is the snippet's first line (`s:` is line 3).
    static let cases: [RuleCase] = [
        RuleCase("privileged", "image: a:1\nprivileged: true", line: 5),
        RuleCase("privileged", "image: a:1\nprivileged: false", line: 0),
        RuleCase("no-new-privileges", "image: a:1", line: 3),
        RuleCase("no-new-privileges", "image: a:1\nsecurity_opt: [\"no-new-privileges:true\"]", line: 0),
        RuleCase("cap-drop-all", "image: a:1\ncap_drop: [ALL]", line: 0),
        RuleCase("read-only-rootfs", "image: a:1\nread_only: true", line: 0),
        RuleCase("host-network", "image: a:1\nnetwork_mode: host", line: 5),
        RuleCase("host-namespace", "image: a:1\npid: host", line: 5),
        RuleCase("unconfined-profile", "image: a:1\nsecurity_opt:\n  - seccomp:unconfined", line: 6),
        RuleCase("dangerous-capability", "image: a:1\ncap_add:\n  - NET_BIND_SERVICE\n  - SYS_ADMIN", line: 7),
        RuleCase("dangerous-capability", "image: a:1\ncap_add: [CHOWN]", line: 0),
        RuleCase("docker-socket", "image: a:1\nvolumes:\n  - /var/run/docker.sock:/var/run/docker.sock", line: 6),
        RuleCase("sensitive-mount", "image: a:1\nvolumes:\n  - /etc:/host-etc:ro", line: 6),
        RuleCase("sensitive-mount", "image: a:1\nvolumes:\n  - ./app:/app", line: 0),
        RuleCase(
            "shared-propagation",
            "image: a:1\nvolumes:\n  - type: bind\n    source: .\n    target: /x\n    bind: {propagation: rshared}",
            line: 6),
        RuleCase("dangerous-device", "image: a:1\ndevices: [\"/dev/mem:/dev/mem\"]", line: 5),
        RuleCase("dangerous-device", "image: a:1\ndevices: [\"/dev/video0:/dev/video0\"]", line: 0),
        RuleCase("tmpfs-exec", "image: a:1\ntmpfs: [\"/tmp:exec\"]", line: 5),
        RuleCase("config-mount-read-only", "image: a:1\nvolumes:\n  - ./nginx.conf:/etc/nginx/nginx.conf", line: 6),
        RuleCase("config-mount-read-only", "image: a:1\nvolumes:\n  - ./nginx.conf:/etc/nginx/nginx.conf:ro", line: 0),
        RuleCase("config-mount-read-only", "image: a:1\nvolumes:\n  - ./nginx.conf:/etc/nginx/nginx.conf:rw", line: 0),
        RuleCase("config-mount-read-only", "image: a:1\nvolumes:\n  - ./data:/var/data", line: 0),
        RuleCase("secret-in-environment", "image: a:1\nenvironment:\n  DB_PASSWORD: hunter2", line: 6),
        RuleCase("secret-in-environment", "image: a:1\nenvironment:\n  - API_TOKEN=abc", line: 6),
        RuleCase("secret-in-environment", "image: a:1\nenvironment:\n  DB_PASSWORD: ${DB_PASSWORD}", line: 0),
        RuleCase("secret-in-environment", "image: a:1\nenvironment:\n  DB_PASSWORD_FILE: /run/secrets/db", line: 0),
        RuleCase("secret-in-environment", "image: a:1\nenvironment:\n  - DB_PASSWORD=${DB_PASSWORD:-hunter2}", line: 6),
        RuleCase("secret-in-environment", "image: a:1\nenvironment:\n  - DB_PASSWORD=${DB_PASSWORD:-}", line: 0),
        RuleCase("image-unpinned", "image: me/app:latest\nbuild: .", line: 4),
        RuleCase("image-unpinned", "image: me/app:latest\nbuild: .\npull_policy: build", line: 0),
        RuleCase("sensitive-mount", "image: a:1\nvolumes:\n  - /dev/video0:/dev/video0", line: 6),
        RuleCase(
            "secret-in-environment", "image: a:1\nenv_file: [app.env]", line: 0, files: ["app.env": "DB_PASSWORD=x\n"]),
        RuleCase("secret-in-command", "image: a:1\ncommand: [\"--verbose\", \"--client-secret=abc\"]", line: 5),
        RuleCase("secret-in-command", "image: a:1\ncommand: serve --token abc", line: 5),
        RuleCase("secret-in-command", "image: a:1\ncommand: serve --token $$TOKEN", line: 0),
        RuleCase("secret-in-label", "image: a:1\nlabels:\n  app.api-key: abc", line: 6),
        RuleCase("credentials-in-url", "image: a:1\nenvironment:\n  - URL=postgres://u:pw@db/app", line: 6),
        RuleCase("credentials-in-url", "image: a:1\nenvironment:\n  - URL=postgres://u@db/app", line: 0),
        RuleCase("build-secret-args", "build: {context: ., args: {NPM_TOKEN: abc}}", line: 4),
        RuleCase("image-unpinned", "image: nginx", line: 4),
        RuleCase("image-unpinned", "image: nginx:latest", line: 4),
        RuleCase("image-unpinned", "image: registry:5000/nginx", line: 4),
        RuleCase("image-unpinned", "image: nginx:1.27", line: 0),
        RuleCase("image-digest", "image: nginx:1.27", line: 4),
        RuleCase("image-digest", "image: nginx:1.27@sha256:\(String(repeating: "a", count: 64))", line: 0),
        RuleCase("build-and-image", "image: me/app:1\nbuild: .", line: 4),
        RuleCase("build-and-image", "image: me/app:1\nbuild: .\npull_policy: build", line: 0),
        RuleCase("root-user", "image: a:1\nuser: \"0:0\"", line: 5),
        RuleCase("root-user", "image: a:1\nuser: app", line: 0),
        RuleCase("root-user", "build: .", line: 4, files: ["Dockerfile": "FROM x\nRUN true\n"]),
        RuleCase("root-user", "build: .", line: 0, files: ["Dockerfile": "FROM x\nUSER app\n"]),
        RuleCase(
            "root-user", "build: {context: ., target: dev}", line: 4,
            files: ["Dockerfile": "FROM x AS dev\nRUN true\nFROM x AS prod\nUSER app\n"]),
        RuleCase("database-port-exposed", "image: postgres:16\nports: [\"5432:5432\"]", line: 5),
        RuleCase("database-port-exposed", "image: postgres:16\nports: [\"127.0.0.1:5432:5432\"]", line: 0),
        RuleCase("port-all-interfaces", "image: a:1\nports: [\"8080:80\"]", line: 5),
        RuleCase("port-all-interfaces", "image: a:1\nports: [\"80\"]", line: 0),
        RuleCase("duplicate-published-port", "image: a:1\nports: [\"8080:80\", \"8080:81\"]", line: 5),
        RuleCase("duplicate-published-port", "image: a:1\nscale: 2\nports: [\"8080:80\"]", line: 6),
        RuleCase(
            "duplicate-published-port", "image: a:1\nports: [\"127.0.0.1:8080:80\", \"127.0.0.2:8080:81\"]", line: 0),
        RuleCase("privileged-host-port", "image: a:1\nports: [\"80:80\"]", line: 5),
        RuleCase("unquoted-port", "image: a:1\nports:\n  - 8080:80", line: 6),
        RuleCase("unquoted-port", "image: a:1\nports:\n  - \"8080:80\"", line: 0),
        RuleCase("missing-restart", "image: a:1", line: 3),
        RuleCase("missing-restart", "image: a:1\nrestart: always", line: 0),
        RuleCase("missing-healthcheck", "image: a:1", line: 3),
        RuleCase("missing-healthcheck", "build: .", line: 0, files: ["Dockerfile": "FROM x\nHEALTHCHECK CMD true\n"]),
        RuleCase("healthcheck-start-period", "image: a:1\nhealthcheck:\n  test: [CMD, \"true\"]", line: 5),
        RuleCase("healthcheck-disabled", "image: a:1\nhealthcheck: {disable: true}", line: 5),
        RuleCase("missing-memory-limit", "image: a:1\nmem_limit: 1g", line: 0),
        RuleCase("logging-disabled", "image: a:1\nlogging: {driver: none}", line: 5),
        RuleCase("database-without-volume", "image: postgres:16", line: 3),
        RuleCase(
            "database-without-volume", "image: postgres:16\nvolumes: [\"data:/var/lib/postgresql/data\"]", line: 0),
        RuleCase("container-name", "image: a:1\ncontainer_name: one", line: 5),
        RuleCase("container-name-invalid", "image: a:1\ncontainer_name: \"bad name\"", line: 5),
        RuleCase("duplicate-entry", "image: a:1\nenvironment:\n  - A=1\n  - A=2", line: 7),
        RuleCase("duplicate-entry", "image: a:1\nexpose: [\"80\", \"80\"]", line: 5),
        RuleCase("ports-order", "image: a:1\nports:\n  - \"9000:9000\"\n  - \"8000:8000\"", line: 7),
        RuleCase("ports-order", "image: a:1\nports:\n  - \"8000:8000\"\n  - \"9000:9000\"", line: 0),
        RuleCase("quoted-volume", "image: a:1\nvolumes:\n  - \"./x:/x\"", line: 6),
        RuleCase("quoted-volume", "image: a:1\nvolumes:\n  - ./x:/x", line: 0),
    ]

    static func findings(_ testCase: RuleCase, config: LintConfig = LintConfig()) throws -> [Finding] {
        let project = try Fixtures.project(
            ["compose.yaml": testCase.compose, "token": "x"].merging(testCase.files) { $1 })
        return Linter(config: config).lint(LintContext(project: project))
    }

    @Test(arguments: cases) func rule(_ testCase: RuleCase) throws {
        var config = LintConfig()
        config.levels[testCase.rule] = LintRule.named(testCase.rule)?.severity
        let found = try Self.findings(testCase, config: config).filter { $0.rule == testCase.rule }
        if testCase.line == 0 {
            #expect(found.isEmpty, "\(found.map(\.message))")
        } else {
            #expect(found.map { $0.location?.line } == [testCase.line], "\(found.map(\.message))")
            #expect(found.first?.location?.file.hasSuffix("/compose.yaml") == true)
        }
    }

    @Test func everyRuleHasDocumentationAndAUniqueID() {
        #expect(LintRule.all.count >= 35)
        #expect(Set(LintRule.all.map(\.id)).count == LintRule.all.count)
        for rule in LintRule.all {
            #expect(rule.explanation.count > 60, "\(rule.id)")
            #expect(rule.id.allSatisfy { $0.isLowercase || $0 == "-" }, "\(rule.id)")
        }
        for category in LintRule.Category.allCases {
            #expect(LintRule.all.contains { $0.category == category }, "\(category)")
        }
    }

    @Test func linksAreLegacy() throws {
        let project = try Fixtures.project([
            "compose.yaml": "services:\n  a:\n    image: a:1\n    links: [b]\n  b:\n    image: b:1\n"
        ])
        let found = Linter().lint(LintContext(project: project)).filter { $0.rule == "deprecated-links" }
        #expect(found.map { $0.location?.line } == [4])
    }

    @Test func rulesOffByDefaultRunWhenConfigured() throws {
        let testCase = RuleCase("missing-project-name", "image: a:1", line: 0)
        let project = try Fixtures.project(["compose.yaml": "services:\n  s:\n    image: a:1\n"])
        #expect(!Linter().lint(LintContext(project: project)).contains { $0.rule == testCase.rule })
        var config = LintConfig()
        config.levels["missing-project-name"] = .warning
        let found = Linter(config: config).lint(LintContext(project: project)).filter { $0.rule == testCase.rule }
        #expect(found.map(\.severity) == [.warning])
    }
}
