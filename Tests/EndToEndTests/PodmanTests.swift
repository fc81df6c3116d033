import Foundation
import Testing

/// Pier against Podman's Docker-compatible API service (scripts/podman-start.sh), the other engine users run.
@Suite(.enabled(if: Podman.enabled, Podman.skipMessage))
struct PodmanTests {
    static let compose = """
        services:
          web:
            image: pier-test/busybox
            command: ["httpd", "-f", "-p", "8080", "-h", "/srv"]
            ports: ["127.0.0.1::8080"]
            volumes: [site:/srv]
          worker:
            image: pier-test/busybox
            command: sleep 300
            depends_on: [web]
        volumes:
          site: {}
        """

    @Test func aStackRunsFromUpToDownV() throws {
        let project = try ScratchProject(Self.compose)
        let engine = ["DOCKER_HOST": "unix://\(Podman.socket)"]
        func pier(_ arguments: String..., stdin: Data? = nil) throws -> TestSupport.Result {
            try TestSupport.run(
                TestSupport.pierBinary, arguments, in: project.directory,
                environment: project.environment.merging(engine) { $1 }, stdin: stdin)
        }
        defer {
            _ = try? pier("down", "-v", "-t", "0")
            try? FileManager.default.removeItem(at: project.directory)
        }

        let up = try pier("up", "-d")
        try #require(up.status == 0, "\(up.stderr)")
        #expect(try pier("ps", "--format", "{{.Service}} {{.State}}").stdout == "web running\nworker running\n")
        let ids = try pier("ps", "-q").stdout
        #expect(try Podman.api("/containers/\(project.name)-web-1/json") == 200)

        let write = try pier("exec", "-T", "web", "sh", "-c", "cat > /srv/index.html", stdin: Data("hello\n".utf8))
        #expect(write.status == 0, "\(write.stderr)")
        let address = try pier("port", "web", "8080").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let page = try TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["curl", "-sS", "--max-time", "10", "http://\(address)/"],
            in: project.directory, environment: ProcessInfo.processInfo.environment)
        #expect(page.stdout == "hello\n", "\(address): \(page.stderr)")

        let run = try pier("run", "--rm", "-T", "worker", "cat", "/etc/hostname")
        #expect(run.status == 0, "\(run.stderr)")
        let copied = project.directory.appendingPathComponent("copied.html")
        #expect(try pier("cp", "web:/srv/index.html", copied.path).status == 0)
        #expect(try String(contentsOf: copied, encoding: .utf8) == "hello\n")

        // Unchanged: kept as they are.
        #expect(try pier("up", "-d").status == 0)
        #expect(try pier("ps", "-q").stdout == ids)

        let down = try pier("down", "-v", "-t", "0")
        #expect(down.status == 0, "\(down.stderr)")
        #expect(try pier("ps", "-a", "-q").stdout.isEmpty)
        #expect(try Podman.api("/volumes/\(project.name)_site") == 404)
    }
}

enum Podman {
    static let socket = ProcessInfo.processInfo.environment["PIER_PODMAN_SOCKET"] ?? "/run/pier-podman.sock"

    /// Locally the suite runs where the service answers; under `CI=true` it must.
    static let enabled: Bool = {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        return (try? api("/_ping")) == 200
    }()

    static let skipMessage: Comment = "Podman's API service does not answer on \(socket): run scripts/podman-start.sh"

    /// The HTTP status of `GET path` on Podman's socket.
    static func api(_ path: String) throws -> Int {
        let result = try TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "--unix-socket", socket,
                "http://localhost\(path)",
            ],
            in: TestSupport.repositoryRoot, environment: ProcessInfo.processInfo.environment)
        return Int(result.stdout) ?? 0
    }
}
