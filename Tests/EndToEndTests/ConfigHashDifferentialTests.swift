import Foundation
import PierTestSupport
import Testing

@testable import ComposeSpec

/// Pier's configuration hashes against Docker Compose's on every valid `config` fixture, and its `config` output
/// byte for byte: containers carry the hash, so equal hashes let a stack move between the two tools without being
/// recreated.
@Suite(.requiresReference) struct ConfigHashDifferentialTests {
    typealias Fixture = ConfigDifferentialTests.Fixture

    static let fixtures = ConfigDifferentialTests.fixtures.filter {
        !$0.expectsError && ConfigDifferentialTests.exceptions[$0.name] == nil
    }

    /// Services whose hash Pier deliberately prints differently (`fixture service: reason` lines).
    static let exceptions: [String: Set<String>] = {
        let file = TestSupport.fixtures.appendingPathComponent("config-hash/EXCEPTIONS")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        var exceptions: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let words = line.split(separator: ":", maxSplits: 1)[0].split(separator: " ")
            guard words.count == 2 else { continue }
            exceptions[String(words[0]), default: []].insert(String(words[1]))
        }
        return exceptions
    }()

    /// Runs the fixture's command line (its global flags, then `arguments`) under Pier and the reference.
    static func outputs(_ fixture: Fixture, _ arguments: [String]) async throws -> (pier: String, reference: String) {
        let reference = try await TestSupport.requireReference()
        let pier = try await TestSupport.run(
            TestSupport.pierBinary, arguments, in: fixture.directory, environment: fixture.environment,
            stdin: fixture.stdin)
        let expected = try await TestSupport.run(
            reference, arguments, in: fixture.directory, environment: fixture.environment,
            stdin: fixture.stdin)
        try #require(expected.status == 0 && pier.status == 0, "pier: \(pier.stderr) reference: \(expected.stderr)")
        return (pier.stdout, expected.stdout)
    }

    static func hashes(_ output: String) -> [String: String] {
        var hashes: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { hashes[String(parts[0])] = String(parts[1]) }
        }
        return hashes
    }

    @Test(arguments: fixtures)
    func hashesMatchReference(_ fixture: Fixture) async throws {
        let global = fixture.lines("args").flatMap { $0.split(separator: " ").map(String.init) }
        let (pier, reference) = try await Self.outputs(fixture, global + ["config", "--hash", "*"])
        var mine = Self.hashes(pier)
        var theirs = Self.hashes(reference)
        #expect(!theirs.isEmpty || reference.isEmpty)
        for service in Self.exceptions[fixture.name] ?? [] {
            #expect(mine[service] != theirs[service], "\(service) is listed in config-hash/EXCEPTIONS but agrees")
            mine[service] = nil
            theirs[service] = nil
        }
        #expect(mine == theirs)
    }

    /// The golden hashes `ServiceHashTests` checks Pier against are the reference's own.
    @Test(.requiresReference) func goldenHashesAreTheReferences() async throws {
        let directory = TestSupport.fixtures.appendingPathComponent("config-hash")
        let result = try await TestSupport.run(
            try await TestSupport.requireReference(), ["--profile", "*", "config", "--hash", "*"], in: directory,
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"])
        try #require(result.status == 0, "\(result.stderr)")
        let golden = try String(contentsOf: directory.appendingPathComponent("hashes.txt"), encoding: .utf8)
        #expect(!Self.hashes(golden).isEmpty)
        #expect(Self.hashes(result.stdout) == Self.hashes(golden))
    }

    @Test(arguments: fixtures)
    func jsonIsByteIdentical(_ fixture: Fixture) async throws {
        let (pier, reference) = try await Self.outputs(fixture, fixture.arguments(format: "json"))
        // The reference ends its JSON without a line break.
        let printed = pier.hasSuffix("\n") && !reference.hasSuffix("\n") ? String(pier.dropLast()) : pier
        #expect(printed == reference)
    }

    @Test(arguments: fixtures)
    func yamlIsByteIdentical(_ fixture: Fixture) async throws {
        let (pier, reference) = try await Self.outputs(fixture, fixture.arguments(format: "yaml"))
        #expect(pier == reference)
    }
}

/// The labels the reference puts on what it creates, against Pier's hashes of the same project.
@Suite(.requiresEngine, .requiresReference)
struct ConfigHashLabelTests {
    static let compose = """
        services:
          web:
            image: pier-test/busybox
            command: ["sleep", "3600"]
            stop_signal: SIGKILL
            ports: ["127.0.0.1::80"]
            env_file: [web.env]
            environment: {LITERAL: "a$$b", FROM_FILE: overridden}
            labels: {tier: "<front & back>"}
            label_file: [web.labels]
            x-note: not hashed
            networks:
              back: {aliases: [site]}
            volumes: [data:/data, ./site:/site:ro]
            healthcheck: {test: ["CMD", "true"], interval: 30s}
            deploy: {replicas: 1, resources: {limits: {memory: 64M}}}
          worker:
            image: pier-test/busybox
            command: sleep 3600
            stop_signal: SIGKILL
            depends_on: [web]
            ulimits: {nofile: {soft: 1024, hard: 2048}}
            pull_policy: never
        networks:
          back:
            labels: {a: b}
        volumes:
          data:
            labels: {a: b}
        """

    static let files = [
        "web.env": "FROM_FILE=file\nONLY_IN_FILE=1\n", "web.labels": "tier=overridden\nteam=web\n",
        "site/index.html": "hi\n",
    ]

    func labels(_ project: ScratchProject, _ kind: [String], format: String) async throws -> [String: String] {
        let output = try await project.docker(
            kind + ["--filter", "label=com.docker.compose.project=\(project.name)", "--format", format])
        var labels: [String: String] = [:]
        for line in output.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { labels[String(parts[0])] = String(parts[1]) }
        }
        return labels
    }

    @Test func referenceLabelsWhatItCreatesWithPierHashes() async throws {
        try await ScratchProject.with(Self.compose, files: Self.files) { project in
            let create = try await project.reference("create", "--pull", "never")
            try #require(create.status == 0, "\(create.stderr)")

            let containers = try await labels(
                project, ["ps", "-a"],
                format: #"{{.Label "com.docker.compose.service"}} {{.Label "com.docker.compose.config-hash"}}"#)
            let printed = ConfigHashDifferentialTests.hashes(try await project.pier("config", "--hash", "*").stdout)
            #expect(containers.count == 2)
            #expect(containers == printed)

            let loaded = try ProjectLoader.load(
                ProjectOptions(environment: project.environment, workingDirectory: project.directory.path))
            let networks = try await labels(
                project, ["network", "ls"],
                format: #"{{.Label "com.docker.compose.network"}} {{.Label "com.docker.compose.config-hash"}}"#)
            #expect(networks.count == 2)
            for (key, hash) in networks {
                #expect(loaded.document["networks"]?[key].map(ServiceHash.network) == hash, "network \(key)")
            }
            let volumes = try await labels(
                project, ["volume", "ls"],
                format: #"{{.Label "com.docker.compose.volume"}} {{.Label "com.docker.compose.config-hash"}}"#)
            #expect(volumes.count == 1)
            for (key, hash) in volumes {
                #expect(loaded.document["volumes"]?[key].map(ServiceHash.volume) == hash, "volume \(key)")
            }
        }
    }

    @Test func pierKeepsTheContainersTheReferenceStarted() async throws {
        try await ScratchProject.with(Self.compose, files: Self.files) { project in
            let up = try await project.reference("up", "-d")
            try #require(up.status == 0, "\(up.stderr)")
            let format = #"{{.Label "com.docker.compose.service"}} {{.ID}}"#
            let before = try await labels(project, ["ps", "-a"], format: format)
            let second = try await project.pier("up", "-d")
            #expect(second.status == 0, "\(second.stderr)")
            #expect(try await labels(project, ["ps", "-a"], format: format) == before)
        }
    }

    /// Services sharing another's network namespace, IPC or volumes: Compose folds that container's ID into the
    /// hash. Either tool keeps what the other started, and recreating the shared container recreates them.
    @Test func sharedNamespacesAndVolumesHashAsTheReference() async throws {
        func compose(_ version: Int) -> String {
            """
            services:
              db: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, volumes: [/data], \
            environment: {VERSION: "\(version)"}}
              app: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, network_mode: service:db}
              backup: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, volumes_from: ["db:ro"]}
            """
        }
        try await ScratchProject.with(compose(1)) { project in
            let format = #"{{.Label "com.docker.compose.service"}} {{.ID}}"#
            try #require(try await project.reference("up", "-d").status == 0)
            let started = try await labels(project, ["ps", "-a"], format: format)
            #expect(started.count == 3)
            let pierUp = try await project.pier("up", "-d")
            #expect(pierUp.status == 0, "\(pierUp.stderr)")
            #expect(try await labels(project, ["ps", "-a"], format: format) == started)

            // db changes, so Pier recreates it, and app and backup with it; the reference then keeps all three.
            try compose(2).write(
                to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            #expect(try await project.pier("up", "-d").status == 0)
            let recreated = try await labels(project, ["ps", "-a"], format: format)
            for service in ["db", "app", "backup"] { #expect(recreated[service] != started[service], "\(service)") }
            #expect(try await project.reference("up", "-d").status == 0)
            #expect(try await labels(project, ["ps", "-a"], format: format) == recreated)
        }
    }
}
