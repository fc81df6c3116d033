import Foundation
import PierTestSupport
import Testing

/// The seed stacks (`Tests/Fixtures/seeds/NNN`) run as written. They publish fixed host ports (80, 443, 3000,
/// 5432, 8000…), so their suites are nested here and run one test at a time.
@Suite(
    .serialized, .requiresEngine,
    .requiresImage("pier-seed/runtime:bookworm", remedy: "run scripts/seed-images.sh"))
struct SeedStacks {}

/// A copy of one seed fixture in a scratch directory, run under a unique project name, for the scope of
/// ``with(seed:globalArguments:builtImages:_:)``, which removes the containers, networks, volumes and built images
/// it made.
struct SeedProject: Sendable {
    let name: String
    let directory: URL
    /// Global flags every command gets (`-f`…), as the seed runs it.
    let globalArguments: [String]
    /// Images the stack builds under names of its own (`image:` beside `build:`), removed at the end.
    let builtImages: [String]

    /// Runs `body` with a copy of the seed `seed`, then removes everything it made, also when `body` throws.
    @discardableResult
    static func with<Result>(
        seed: String, globalArguments: [String] = [], builtImages: [String] = [],
        _ body: (SeedProject) async throws -> Result
    ) async throws -> Result {
        try await with(
            copying: TestSupport.fixtures.appendingPathComponent("seeds/\(seed)"), prefix: "pierseed" + seed,
            globalArguments: globalArguments, builtImages: builtImages, body)
    }

    /// Runs `body` with a copy of any project folder (`examples/demo`…), then removes everything it made.
    @discardableResult
    static func with<Result>(
        copying folder: URL, prefix: String, globalArguments: [String] = [], builtImages: [String] = [],
        _ body: (SeedProject) async throws -> Result
    ) async throws -> Result {
        try await CleanupStack.with { cleanups in
            let name = prefix + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            let project = SeedProject(
                name: name, directory: FileManager.default.temporaryDirectory.appendingPathComponent(name),
                globalArguments: globalArguments, builtImages: builtImages)
            try FileManager.default.copyItem(at: folder, to: project.directory)
            await cleanups.push { await project.cleanUp() }
            return try await body(project)
        }
    }

    var environment: [String: String] {
        TestSupport.baseEnvironment.merging(["COMPOSE_PROJECT_NAME": name, "DOCKER_BUILDKIT": "0"]) { $1 }
    }

    func url(_ path: String) -> URL { directory.appendingPathComponent(path) }

    func write(_ path: String, _ contents: String) throws {
        try contents.write(to: url(path), atomically: true, encoding: .utf8)
    }

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

    /// Removes everything labelled with the project and the images it built, whatever state a test left.
    private func cleanUp() async {
        _ = try? await pier("down", "--volumes", "--remove-orphans", "--rmi", "local", "--timeout", "0")
        let label = "label=com.docker.compose.project=\(name)"
        for kind in [["ps", "-aq"], ["network", "ls", "-q"], ["volume", "ls", "-q"]] {
            guard
                let ids = try? await TestSupport.run(
                    URL(fileURLWithPath: "/usr/bin/env"), ["docker"] + kind + ["--filter", label], in: directory,
                    environment: environment
                ).stdout.split(whereSeparator: \.isNewline)
            else { continue }
            let remove = kind[0] == "ps" ? ["rm", "-f", "-v"] : [kind[0], "rm"]
            for id in ids {
                _ = try? await TestSupport.run(
                    URL(fileURLWithPath: "/usr/bin/env"), ["docker"] + remove + [String(id)], in: directory,
                    environment: environment)
            }
        }
        for image in builtImages {
            _ = try? await TestSupport.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["docker", "rmi", image], in: directory, environment: environment)
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// HTTP requests from the host, with `curl`.
enum HTTP {
    struct Response {
        var status: Int
        var body: String
        var headers: String
    }

    /// One request; status 0 when nothing answers.
    static func request(_ url: String, method: String = "GET", body: String? = nil, curl extra: [String] = [])
        async throws -> Response
    {
        let headers = FileManager.default.temporaryDirectory.appendingPathComponent("pier-http-\(UUID())")
        defer { try? FileManager.default.removeItem(at: headers) }
        var arguments = ["curl", "-sS", "--max-time", "10", "-X", method, "-D", headers.path, "-o", "-"]
        arguments += ["-w", "\n%{http_code}"] + extra
        if let body { arguments += ["--data-binary", body] }
        let result = try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), arguments + [url], in: TestSupport.repositoryRoot,
            environment: ProcessInfo.processInfo.environment)
        var lines = result.stdout.components(separatedBy: "\n")
        let status = Int(lines.popLast() ?? "") ?? 0
        let headerText = (try? String(contentsOf: headers, encoding: .utf8)) ?? ""
        return Response(status: status, body: lines.joined(separator: "\n"), headers: headerText)
    }

    /// Polls `url` until it answers `status` (servers take a moment to listen after their container starts).
    static func waitFor(
        _ url: String, status: Int = 200, seconds: Int = 60, curl extra: [String] = []
    ) async throws -> Response {
        var last = Response(status: 0, body: "", headers: "")
        for _ in 0..<(seconds * 2) {
            last = try await request(url, curl: extra)
            if last.status == status { return last }
            try await Task.sleep(for: .seconds(0.5))
        }
        return last
    }
}

/// Engine timestamps (RFC 3339 with up to nine fractional digits), as `docker inspect` prints them in JSON.
enum EngineTime {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "\"\n "))
        let parts = trimmed.split(separator: ".", maxSplits: 1)
        let formatter = ISO8601DateFormatter()
        guard parts.count == 2 else { return formatter.date(from: trimmed) }
        let fraction = parts[1].prefix { $0.isNumber }
        let zone = parts[1].dropFirst(fraction.count)
        guard let whole = formatter.date(from: String(parts[0]) + String(zone)) else { return nil }
        return whole.addingTimeInterval(Double("0." + String(fraction)) ?? 0)
    }
}

extension SeedProject {
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
