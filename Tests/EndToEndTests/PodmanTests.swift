import Foundation
import PierTestSupport
import Testing

/// Pier against Podman's Docker-compatible API service (scripts/podman-start.sh), the other engine users run.
@Suite(.requiresPodman)
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

    @Test func aStackRunsFromUpToDownV() async throws {
        let engine = ["DOCKER_HOST": "unix://\(Podman.socket)"]
        try await ScratchProject.with(Self.compose, environment: engine) { project in
            func pier(_ arguments: String..., stdin: Data? = nil) async throws -> TestSupport.Result {
                try await project.pier(arguments, stdin: stdin)
            }

            let up = try await pier("up", "-d")
            try #require(up.status == 0, "\(up.stderr)")
            #expect(
                try await pier("ps", "--format", "{{.Service}} {{.State}}").stdout == "web running\nworker running\n")
            let ids = try await pier("ps", "-q").stdout
            #expect(try await Podman.api("/containers/\(project.name)-web-1/json") == 200)

            let write = try await pier(
                "exec", "-T", "web", "sh", "-c", "cat > /srv/index.html", stdin: Data("hello\n".utf8))
            #expect(write.status == 0, "\(write.stderr)")
            let address = try await pier("port", "web", "8080").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let page = try await TestSupport.run(
                URL(fileURLWithPath: "/usr/bin/env"), ["curl", "-sS", "--max-time", "10", "http://\(address)/"],
                in: project.directory, environment: ProcessInfo.processInfo.environment)
            #expect(page.stdout == "hello\n", "\(address): \(page.stderr)")

            let run = try await pier("run", "--rm", "-T", "worker", "cat", "/etc/hostname")
            #expect(run.status == 0, "\(run.stderr)")
            let copied = project.directory.appendingPathComponent("copied.html")
            #expect(try await pier("cp", "web:/srv/index.html", copied.path).status == 0)
            #expect(try String(contentsOf: copied, encoding: .utf8) == "hello\n")

            // Unchanged: kept as they are.
            #expect(try await pier("up", "-d").status == 0)
            #expect(try await pier("ps", "-q").stdout == ids)

            let down = try await pier("down", "-v", "-t", "0")
            #expect(down.status == 0, "\(down.stderr)")
            #expect(try await pier("ps", "-a", "-q").stdout.isEmpty)
            #expect(try await Podman.api("/volumes/\(project.name)_site") == 404)
        }
    }
}

enum Podman {
    static let socket = ProcessInfo.processInfo.environment["PIER_PODMAN_SOCKET"] ?? "/run/pier-podman.sock"

    /// The HTTP status of `GET path` on Podman's socket.
    static func api(_ path: String) async throws -> Int {
        let result = try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5", "--unix-socket", socket,
                "http://localhost\(path)",
            ],
            in: TestSupport.repositoryRoot, environment: ProcessInfo.processInfo.environment)
        return Int(result.stdout) ?? 0
    }
}
