import Foundation
import Testing

/// The seed stacks (`Tests/Fixtures/seeds/NNN`) run as written. They publish fixed host ports (80, 443, 3000,
/// 5432, 8000…), so their suites are nested here and run one test at a time.
@Suite(
    .serialized, .enabled(if: EngineSupport.enabled, EngineSupport.skipMessage),
    .enabled(if: SeedProject.imagesReady, SeedProject.imagesMessage))
struct SeedStacks {}

/// A copy of one seed fixture in a scratch directory, run under a unique project name; `cleanUp` removes the
/// containers, networks, volumes and built images it made.
struct SeedProject {
    let name: String
    let directory: URL
    /// Global flags every command gets (`-f`…), as the seed runs it.
    let globalArguments: [String]
    /// Images the stack builds under names of its own (`image:` beside `build:`), removed by `cleanUp`.
    var builtImages: [String] = []

    init(seed: String, globalArguments: [String] = []) throws {
        try self.init(
            copying: TestSupport.fixtures.appendingPathComponent("seeds/\(seed)"), prefix: "pierseed" + seed,
            globalArguments: globalArguments)
    }

    /// A copy of any project folder (`examples/demo`…).
    init(copying folder: URL, prefix: String, globalArguments: [String] = []) throws {
        name = prefix + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        self.globalArguments = globalArguments
        try FileManager.default.copyItem(at: folder, to: directory)
    }

    /// The images the seeds name: `scripts/seed-images.sh` builds them offline.
    static let imagesReady: Bool = {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        let result = try? TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["docker", "image", "inspect", "pier-seed/runtime:bookworm"],
            in: TestSupport.repositoryRoot, environment: ProcessInfo.processInfo.environment)
        return result?.status == 0
    }()
    static let imagesMessage: Comment = "the seed images are missing: run scripts/seed-images.sh"

    var environment: [String: String] {
        TestSupport.baseEnvironment.merging(["COMPOSE_PROJECT_NAME": name, "DOCKER_BUILDKIT": "0"]) { _, new in new }
    }

    func url(_ path: String) -> URL { directory.appendingPathComponent(path) }

    func write(_ path: String, _ contents: String) throws {
        try contents.write(to: url(path), atomically: true, encoding: .utf8)
    }

    /// `pier GLOBAL-FLAGS ARGS` in the project's directory.
    @discardableResult
    func pier(_ arguments: String..., stdin: Data? = nil) throws -> TestSupport.Result {
        try pier(arguments, stdin: stdin)
    }

    func pier(_ arguments: [String], stdin: Data? = nil, environment extra: [String: String] = [:])
        throws -> TestSupport.Result
    {
        try TestSupport.run(
            TestSupport.pierBinary, globalArguments + arguments, in: directory,
            environment: environment.merging(extra) { $1 }, stdin: stdin)
    }

    /// Any command (`docker`, `make`, `openssl`…) in the project's directory.
    @discardableResult
    func run(_ arguments: String..., environment extra: [String: String] = [:]) throws -> TestSupport.Result {
        try TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), arguments, in: directory,
            environment: environment.merging(extra) { $1 })
    }

    /// `docker inspect --format FORMAT TARGET`, trimmed.
    func inspect(_ target: String, _ format: String) throws -> String {
        try run("docker", "inspect", "--format", format, target).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A self-signed certificate for localhost: `cert.pem` and `key.pem` in `folder`, readable by any user.
    func makeCertificate(in folder: String) throws {
        let made = try run(
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost", "-keyout", "\(folder)/key.pem", "-out", "\(folder)/cert.pem")
        try #require(made.status == 0, "\(made.stderr)")
        try run("chmod", "644", "\(folder)/key.pem", "\(folder)/cert.pem")
    }

    /// Removes everything labelled with the project and the images it built, whatever state a test left.
    func cleanUp() {
        _ = try? pier("down", "--volumes", "--remove-orphans", "--rmi", "local", "--timeout", "0")
        let label = "label=com.docker.compose.project=\(name)"
        for kind in [["ps", "-aq"], ["network", "ls", "-q"], ["volume", "ls", "-q"]] {
            guard
                let ids = try? TestSupport.run(
                    URL(fileURLWithPath: "/usr/bin/env"), ["docker"] + kind + ["--filter", label], in: directory,
                    environment: environment
                ).stdout.split(whereSeparator: \.isNewline)
            else { continue }
            let remove = kind[0] == "ps" ? ["rm", "-f", "-v"] : [kind[0], "rm"]
            for id in ids {
                _ = try? TestSupport.run(
                    URL(fileURLWithPath: "/usr/bin/env"), ["docker"] + remove + [String(id)], in: directory,
                    environment: environment)
            }
        }
        for image in builtImages {
            _ = try? TestSupport.run(
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
        throws -> Response
    {
        let headers = FileManager.default.temporaryDirectory.appendingPathComponent("pier-http-\(UUID())")
        defer { try? FileManager.default.removeItem(at: headers) }
        var arguments = ["curl", "-sS", "--max-time", "10", "-X", method, "-D", headers.path, "-o", "-"]
        arguments += ["-w", "\n%{http_code}"] + extra
        if let body { arguments += ["--data-binary", body] }
        let result = try TestSupport.run(
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
    ) throws -> Response {
        var last = Response(status: 0, body: "", headers: "")
        for _ in 0..<(seconds * 2) {
            last = try request(url, curl: extra)
            if last.status == status { return last }
            Thread.sleep(forTimeInterval: 0.5)
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
    func startedAt(_ container: String) throws -> Date? {
        EngineTime.parse(try inspect(container, "{{json .State.StartedAt}}"))
    }

    func firstHealthyAt(_ container: String) throws -> Date? {
        let ends = try inspect(
            container, "{{range .State.Health.Log}}{{if eq .ExitCode 0}}{{json .End}} {{end}}{{end}}")
        return ends.split(separator: " ").first.flatMap { EngineTime.parse(String($0)) }
    }
}
