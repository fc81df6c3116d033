import Foundation
import PierTestSupport
import PierTesting
import Testing

/// The global flags a seed is run with, as a stack's configuration and back.
enum StackFlags {
    /// `-f`, `--env-file` and `--profile` (relative to `directory`) as a configuration; as for `pier`, the project
    /// directory is the first file's, or `directory` without files.
    static func configuration(_ arguments: [String], in directory: URL) throws -> ComposeStack.Configuration {
        var configuration = ComposeStack.Configuration()
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            guard let value = remaining.popFirst() else { throw TestSetupError("\(flag) without a value") }
            switch flag {
            case "-f", "--file": configuration.files.append(directory.appendingPathComponent(value))
            case "--env-file": configuration.envFiles.append(directory.appendingPathComponent(value))
            case "--profile": configuration.profiles.append(value)
            default: throw TestSetupError("a seed's global flag a stack cannot take: \(flag)")
            }
        }
        if configuration.files.isEmpty { configuration.projectDirectory = directory }
        return configuration
    }

    /// The flags that give `pier` the stack's files, env files and profiles.
    static func arguments(of stack: ComposeStack) -> [String] {
        stack.files.flatMap { ["-f", $0.path] } + stack.configuration.envFiles.flatMap { ["--env-file", $0.path] }
            + stack.configuration.profiles.flatMap { ["--profile", $0] }
    }
}

/// Commands in a project's directory under its name and global flags: `pier`, any other command, `docker
/// inspect`. Seed projects have them, and so do stacks (a suite's stack, run from the fixture itself).
protocol ProjectCommands: Sendable {
    var name: String { get }
    var directory: URL { get }
    /// Global flags every `pier` command gets (`-f`…).
    var globalArguments: [String] { get }
}

extension ComposeStack: ProjectCommands {
    var directory: URL { projectDirectory }
    var globalArguments: [String] { StackFlags.arguments(of: self) }
}

extension ProjectCommands {
    var environment: [String: String] {
        TestSupport.baseEnvironment.merging(["COMPOSE_PROJECT_NAME": name, "DOCKER_BUILDKIT": "0"]) { $1 }
    }

    func url(_ path: String) -> URL { directory.appendingPathComponent(path) }

    /// `pier GLOBAL-FLAGS ARGS` in the project's directory.
    @discardableResult
    func pier(_ arguments: String..., stdin: Data? = nil) async throws -> TestSupport.Result {
        try await pier(arguments, stdin: stdin)
    }

    func pier(_ arguments: [String], stdin: Data? = nil, environment extra: [String: String] = [:])
        async throws -> TestSupport.Result
    {
        try await TestSupport.run(
            TestSupport.pierBinary, globalArguments + arguments, in: directory,
            environment: environment.merging(extra) { $1 }, stdin: stdin)
    }

    /// Any command (`docker`, `make`, `openssl`…) in the project's directory.
    @discardableResult
    func run(_ arguments: String..., environment extra: [String: String] = [:]) async throws -> TestSupport.Result {
        try await run(arguments, environment: extra)
    }

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> TestSupport.Result {
        try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), arguments, in: directory,
            environment: environment.merging(extra) { $1 })
    }

    /// `docker inspect --format FORMAT TARGET`, trimmed.
    func inspect(_ target: String, _ format: String) async throws -> String {
        try await run("docker", "inspect", "--format", format, target).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// A self-signed certificate for localhost: `cert.pem` and `key.pem` in `folder`, readable by any user.
    func makeCertificate(in folder: String) async throws {
        let made = try await run(
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost", "-keyout", "\(folder)/key.pem", "-out", "\(folder)/cert.pem")
        try #require(made.status == 0, "\(made.stderr)")
        try await run("chmod", "644", "\(folder)/key.pem", "\(folder)/cert.pem")
    }

    /// When `container` started, and when its health check first passed.
    func startedAt(_ container: String) async throws -> Date? {
        EngineTime.parse(try await inspect(container, "{{json .State.StartedAt}}"))
    }

    func firstHealthyAt(_ container: String) async throws -> Date? {
        let ends = try await inspect(
            container, "{{range .State.Health.Log}}{{if eq .ExitCode 0}}{{json .End}} {{end}}{{end}}")
        return ends.split(separator: " ").first.flatMap { EngineTime.parse(String($0)) }
    }
}
