import ComposeSpec
import DockerEngine
import Foundation
import PierTestSupport
import Testing

/// Every project of `Tests/Fixtures/buildkit` built by Pier and by the reference on the same engine (BuildKit
/// through the Engine API, no buildx), then the images compared by what they contain: their configuration, and
/// every file listed from a container of each (run by `pier run`).
@Suite(.serialized, .requiresEngine, .requiresReference)
struct BuildKitDifferentialTests {
    static let fixtures = TestSupport.fixtures.appendingPathComponent("buildkit")

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { !$0.hasSuffix(".md") }.sorted()
    }()

    /// Cases Engine 20.10's BuildKit (0.8) refuses, with both tools: heredocs, `COPY --link`, named contexts.
    static let needNewerBuildKit: Set = ["heredoc", "copy-link", "additional-contexts"]
    /// Files that differ by design: the reference does not pass `build.shm_size` to BuildKit (its /dev/shm stays
    /// 64 MB), Pier does (docs/compatibility.md).
    static let deliberateDifferences: [String: Set<String>] = ["limits": ["/shm"]]
    /// Cases whose outcome depends on the engine's configuration (`security.insecure` allowed or not).
    static let dependOnEngineConfiguration: Set = ["privileged"]

    @Test(arguments: cases)
    func pierBuildsWhatTheReferenceBuilds(_ name: String) async throws {
        let reference = try await TestSupport.requireReference()
        try await BuildKitCase.with(name) { build in
            try await Self.compare(build, reference: reference)
        }
    }

    static func compare(_ build: BuildKitCase, reference: URL) async throws {
        let name = build.name
        let pier = try await build.run(
            TestSupport.pierBinary, project: build.pierProject, ["--progress", "plain", "build"])
        let ours = try await build.run(reference, project: build.referenceProject, ["--progress", "plain", "build"])
        if name == "syntax" {
            // The deliberate difference: offline, only Pier builds (with its built-in frontend fallback).
            #expect(pier.status == 0, "\(pier.stderr)\(pier.stdout)")
            #expect(pier.stderr.contains("built-in Dockerfile frontend"))
            #expect(ours.status != 0)
            return
        }
        #expect(
            (pier.status == 0) == (ours.status == 0),
            "pier: \(pier.status) \(pier.stderr.suffix(1500)) reference: \(ours.status) \(ours.stderr.suffix(1500))")
        guard pier.status == 0, ours.status == 0 else {
            let newEngine = try await build.engine.apiVersion() >= APIVersion(1, 44)
            if newEngine, !Self.dependOnEngineConfiguration.contains(name) {
                Issue.record("\(name) must build on this engine: \(pier.stderr.suffix(2000))")
            } else if !Self.needNewerBuildKit.contains(name), !Self.dependOnEngineConfiguration.contains(name) {
                Issue.record("\(name) must build on every engine: \(pier.stderr.suffix(2000))")
            }
            return
        }
        for service in build.services {
            let ourImage = try await build.configuration(
                of: "\(build.pierProject)-\(service)", project: build.pierProject)
            let theirImage = try await build.configuration(
                of: "\(build.referenceProject)-\(service)", project: build.referenceProject)
            #expect(ourImage == theirImage, "the configuration of \(service)'s image")
            let ourFiles = try await build.files(project: build.pierProject, service: service)
            let theirFiles = try await build.files(project: build.referenceProject, service: service)
            #expect(!ourFiles.isEmpty)
            let ignored = Self.deliberateDifferences[name] ?? []
            func kept(_ line: String) -> Bool { !ignored.contains(String(line.prefix { $0 != " " })) }
            let missing = theirFiles.subtracting(ourFiles).filter(kept).sorted()
            let extra = ourFiles.subtracting(theirFiles).filter(kept).sorted()
            #expect(
                missing.isEmpty && extra.isEmpty, "\(service): only the reference's: \(missing), only Pier's: \(extra)")
        }
        try await build.checkExpectations(name)
    }
}

/// One fixture copied to a scratch directory, with two project names (Pier's, the reference's) and what each
/// case needs from the environment: an SSH agent holding a key, a secret in a variable, tag prefixes.
struct BuildKitCase {
    let name: String
    let directory: URL
    let pierProject: String
    let referenceProject: String
    let services: [String]
    let engine: EngineClient
    private let agent: Process?
    private let agentDirectory: URL?

    init(_ name: String) async throws {
        self.name = name
        let base = "pbk" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        pierProject = base + "p"
        referenceProject = base + "r"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(base)
        try FileManager.default.copyItem(
            at: BuildKitDifferentialTests.fixtures.appendingPathComponent(name), to: directory)
        engine = try EngineClient.fromEnvironment()
        let project = try ProjectLoader.load(
            ProjectOptions(environment: ["PIER_DIFF_API_KEY": "k"], workingDirectory: directory.path))
        services = (project.document["services"]?.mapping ?? [:]).keys.sorted()
        if name == "ssh" {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(base + "-agent")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let socket = folder.appendingPathComponent("agent.sock").path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-agent")
            process.arguments = ["-D", "-a", socket]
            // Nothing of the test's output: swift test reads its pipes to their end, which a live agent holding
            // them would never give.
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            agent = process
            agentDirectory = folder
            for _ in 0..<50 where !FileManager.default.fileExists(atPath: socket) {
                try await Task.sleep(for: .milliseconds(100))
            }
            let key = folder.appendingPathComponent("key").path
            try await TestSupport.run(
                URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", key],
                in: folder, environment: [:])
            try await TestSupport.run(
                URL(fileURLWithPath: "/usr/bin/ssh-add"), [key], in: folder, environment: ["SSH_AUTH_SOCK": socket])
        } else {
            agent = nil
            agentDirectory = nil
        }
    }

    var agentSocket: String? { agentDirectory?.appendingPathComponent("agent.sock").path }

    func environment(project: String) -> [String: String] {
        var environment = TestSupport.baseEnvironment.merging([
            "COMPOSE_PROJECT_NAME": project, "PIER_DIFF_API_KEY": "key-4567", "PIER_DIFF_TAG_PREFIX": project,
            "FROM_ENVIRONMENT": "from-environment",
        ]) { $1 }
        environment["SSH_AUTH_SOCK"] = agentSocket
        return environment
    }

    func run(_ binary: URL, project: String, _ arguments: [String]) async throws -> TestSupport.Result {
        try await TestSupport.run(binary, arguments, in: directory, environment: environment(project: project))
    }

    /// The image's configuration, the project's name replaced so that both tools' images compare.
    func configuration(of image: String, project: String) async throws -> String {
        let inspection = try await engine.inspectImage(image)
        var config = inspection.config.objectValue ?? [:]
        for key in ["Image", "Hostname", "Domainname", "AttachStdin", "AttachStdout", "AttachStderr", "Tty"] {
            config[key] = nil
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(JSONValue.object(config)), as: UTF8.self)
        return text.replacingOccurrences(of: project, with: "PROJECT")
    }

    /// Every path of the image outside the kernel's and the engine's mounts: type, mode, owner, size, checksum.
    func files(project: String, service: String) async throws -> Set<String> {
        let script = """
            find / -xdev \\( -path /proc -o -path /sys -o -path /dev -o -path /etc/hosts -o -path /etc/hostname \
            -o -path /etc/resolv.conf \\) -prune -o -print | sort | while read -r p; do
              if [ -L "$p" ]; then echo "$p L $(readlink "$p")";
              elif [ -d "$p" ]; then echo "$p D $(stat -c '%a %u %g' "$p")";
              else echo "$p F $(stat -c '%a %u %g %s' "$p") $(md5sum < "$p" | cut -c1-32)"; fi
            done
            """
        let result = try await run(
            TestSupport.pierBinary, project: project,
            ["run", "--rm", "--no-deps", "-T", "-u", "0", "--entrypoint", "sh", service, "-c", script])
        #expect(result.status == 0, "listing \(service)'s files: \(result.stderr)")
        return Set(result.stdout.split(separator: "\n").map(String.init))
    }

    /// What each case's image must hold, beyond being the reference's: the features really worked.
    func checkExpectations(_ name: String) async throws {
        let expected: [String: [String: String]] = [
            "cache-mount": ["/marker": "cached"],
            "secrets": ["/key.length": "8", "/token.sha": try await sha256Hex("tok-123")],
            "mounts": ["/combined": "A\nB", "/tmpfs-mounted": "1"],
            "target": ["/stage": "base\ntest"],
            "args": ["/args": "file-value|from-environment||default-unset"],
            "limits": ["/hosts": "10.1.2.3 registry.internal\n10.1.2.4 cache.internal"],
            "heredoc": ["/heredoc": "one\ntwo", "/etc/greeting": "hello from a heredoc"],
            "additional-contexts": ["/assets/logo.txt": "logo", "/base-marker": "from-base"],
            "symlinks": ["/followed": "real"],
            "ssh": ["/agent-answer": "12 1"],
            "inline": ["/hello.txt": "hello\ninline"],
            "multistage": ["/opt/out/platforms": "linux/amd64 linux/amd64"],
        ]
        var files = expected[name] ?? [:]
        // BuildKit 0.8 (Engine 20.10) ignores the shm-size and ulimit options, for both tools alike.
        if name == "limits", try await engine.apiVersion() >= APIVersion(1, 44) {
            files["/shm"] = "98304"
            files["/nofile"] = "2048"
        }
        let service = services.contains("app") ? "app" : services.last ?? "app"
        for (path, content) in files {
            let result = try await run(
                TestSupport.pierBinary, project: pierProject,
                ["run", "--rm", "--no-deps", "-T", "-u", "0", "--entrypoint", "cat", service, path])
            #expect(
                result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == content,
                "\(name): \(path) in Pier's image: \(result.stdout) \(result.stderr)")
        }
    }

    func sha256Hex(_ text: String) async throws -> String {
        let result = try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["sh", "-c", "printf %s \"$0\" | sha256sum | cut -c1-64", text],
            in: directory, environment: ["PATH": "/usr/bin:/bin"])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `body` with the case, then removes its containers, images, agent and folder, whether it passed or not.
    static func with(_ name: String, _ body: (BuildKitCase) async throws -> Void) async throws {
        let build = try await BuildKitCase(name)
        do {
            try await body(build)
        } catch {
            await build.cleanUp()
            throw error
        }
        await build.cleanUp()
    }

    func cleanUp() async {
        for project in [pierProject, referenceProject] {
            _ = try? await run(TestSupport.pierBinary, project: project, ["down", "-t", "0"])
            for image in services.map({ "\(project)-\($0)" }) + ["\(project)-extra:1"] {
                _ = try? await engine.removeImage(image, force: true)
            }
        }
        // SIGKILL: the agent inherits the test process's signal mask, where SIGTERM can be blocked.
        if let agent, agent.isRunning {
            kill(agent.processIdentifier, SIGKILL)
            agent.waitUntilExit()
        }
        if let agentDirectory { try? FileManager.default.removeItem(at: agentDirectory) }
        try? FileManager.default.removeItem(at: directory)
    }
}
