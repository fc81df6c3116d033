import Foundation
import PierTestSupport
import Testing

/// `ps`, `ls`, `images`, `top` and `port` of `pier` on stacks the reference Docker Compose brought up, compared
/// with the reference's own output on the same stack.
@Suite(.requiresEngine)
struct ReadCommandsTests {
    static let stack = """
        services:
          web:
            image: pier-test/busybox:latest
            command: sh -c 'echo hello from web; sleep 3600'
            stop_signal: SIGKILL
            ports: ["80", "127.0.0.1::9090/udp"]
          worker:
            image: pier-test/busybox:latest
            command: sleep 3600
            stop_signal: SIGKILL
            deploy:
              replicas: 2
          once:
            image: pier-test/busybox:latest
            command: sh -c 'echo done; exit 3'
        """

    /// The stack, up, with `once` exited (so no state changes between two runs of a command).
    /// Runs `body` with the stack brought up by the reference, removed afterwards.
    static func withStack(_ body: (ScratchProject) async throws -> Void) async throws {
        try await ScratchProject.with(stack) { project in
            let up = try await project.reference("up", "-d")
            #expect(up.status == 0, "\(up.stderr)")
            _ = try await project.docker("wait", "\(project.name)-once-1")
            try await body(project)
        }
    }

    /// Runs `arguments` with both tools and expects the same output. With `attempts`, a difference is retried:
    /// for output that may change between two runs (`top` right after a start, as `sh -c` execs its command).
    static func compare(
        _ project: ScratchProject, _ arguments: [String], attempts: Int = 1,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for attempt in 1...attempts {
            let reference = try await TestSupport.run(
                try await TestSupport.requireReference(), arguments, in: project.directory,
                environment: project.environment)
            let pier = try await TestSupport.run(
                TestSupport.pierBinary, arguments, in: project.directory, environment: project.environment)
            let same =
                ReadCommandsSupport.normalized(pier.stdout) == ReadCommandsSupport.normalized(reference.stdout)
            if same || attempt == attempts {
                ReadCommandsSupport.expectSame(
                    pier, reference, arguments.joined(separator: " "), sourceLocation: sourceLocation)
                return
            }
            try await Task.sleep(for: .seconds(0.2))
        }
    }

    @Test(.requiresReference) func psListsAsTheReferenceDoes() async throws {
        try await Self.withStack { project in
            for arguments in [
                ["ps"], ["ps", "-a"], ["ps", "-q"], ["ps", "-aq"], ["ps", "--services"], ["ps", "--services", "-a"],
                ["ps", "--status", "exited"], ["ps", "--filter", "status=running", "worker"],
                ["ps", "--no-trunc", "-a"],
                ["ps", "web", "worker"], ["ps", "--format", "{{.Name}}\t{{.Ports}}"], ["ps", "--status", "paused"],
                ["ps", "-a", "--format", "table {{.Name}}\t{{.State}}\t{{.ID}}\t{{.Networks}}\t{{.Project}}"],
                ["ps", "--format", "{{json .Publishers}}"], ["ps", "--orphans=false"],
            ] {
                try await Self.compare(project, arguments)
            }
        }
    }

    @Test(.requiresReference) func psJSONHasTheReferenceFields() async throws {
        try await Self.withStack { project in
            let reference = try await project.reference("ps", "-a", "--format", "json")
            let pier = try await project.pier("ps", "-a", "--format", "json")
            #expect(pier.status == 0, "\(pier.stderr)")
            // Compose joins labels in Go's random map order; Pier sorts them. Durations may tick between runs.
            func objects(_ output: String) throws -> [[String: String]] {
                try output.split(separator: "\n").map { line in
                    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                    return object.mapValues { value in
                        if let text = value as? String {
                            let labels = text.contains("com.docker.compose.project=")
                            return labels ? text.split(separator: ",").sorted().joined(separator: ",") : text
                        }
                        let data = try? JSONSerialization.data(
                            withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
                        return ReadCommandsSupport.normalized(String(decoding: data ?? Data(), as: UTF8.self))
                    }.mapValues(ReadCommandsSupport.normalized)
                }
            }
            #expect(try objects(pier.stdout) == objects(reference.stdout))
            #expect(pier.stdout.contains(#""ExitCode":3"#) && pier.stdout.contains(#"-\u003e80/tcp"#))
        }
    }

    @Test(.requiresReference) func psFailsAsTheReferenceDoes() async throws {
        try await ScratchProject.with(Self.stack) { project in
            for arguments in [
                ["ps", "nosuch"], ["ps", "--filter", "foo=bar"], ["ps", "--filter", "status"],
                ["ps", "--format", "{{.Nope}}"],
                ["logs", "nosuch"], ["logs", "--index", "1"], ["port", "web", "abc"], ["port", "web", "70000"],
            ] {
                try await Self.compare(project, arguments)
            }
        }
    }

    @Test(.requiresReference) func lsShowsTheProjectAsTheReferenceDoes() async throws {
        try await Self.withStack { project in
            let only = "name=^\(project.name)$"
            for arguments in [
                ["ls", "--filter", only], ["ls", "-a", "--filter", only], ["ls", "-q", "--filter", only],
                ["ls", "-a", "--format", "json", "--filter", only], ["ls", "--filter", "name=^nothing-matches$"],
                ["ls", "--format", "json", "--filter", "name=^nothing-matches$"], ["ls", "--filter", "status=running"],
                ["ls", "--format", "xml", "--filter", only],
            ] {
                try await Self.compare(project, arguments)
            }
            let listed = try await project.pier("ls", "-a", "--filter", only)
            #expect(listed.stdout.contains("exited(1), running(3)"))
        }
    }

    @Test(.requiresReference) func imagesTopAndPortMatchTheReference() async throws {
        try await Self.withStack { project in
            for arguments in [
                ["images"], ["images", "-q"], ["images", "worker"], ["images", "nosuch"], ["top", "once"],
                ["port", "web", "80"], ["port", "--protocol", "udp", "web", "9090"],
                ["port", "--index", "2", "worker", "80"], ["port", "--index", "3", "worker", "80"],
                ["port", "nosuch", "80"],
            ] {
                try await Self.compare(project, arguments)
            }
            for arguments in [["top"], ["top", "worker", "web"]] {
                try await Self.compare(project, arguments, attempts: 3)
            }
            // The engine lists a container's ports in no fixed order, and both tools name them in its order.
            let missing = (
                try await project.pier("port", "web", "81"), try await project.reference("port", "web", "81")
            )
            #expect(missing.0.status == 1 && missing.1.status == 1)
            let listed = { (text: String) in
                (text.split(separator: ":").last ?? "").split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespacesAndNewlines)
                }.sorted()
            }
            #expect(listed(missing.0.stderr) == listed(missing.1.stderr) && !listed(missing.0.stderr).isEmpty)
            // Compose lists images in Go's random map order; Pier by container name.
            let reference = try await project.reference("images", "--format", "json")
            let pier = try await project.pier("images", "--format", "json")
            let decode = { (text: String) in
                try JSONDecoder().decode([[String: JSONScalar]].self, from: Data(text.utf8)).sorted {
                    $0["ContainerName"]?.description ?? "" < $1["ContainerName"]?.description ?? ""
                }
            }
            #expect(try decode(pier.stdout) == decode(reference.stdout))
            #expect(pier.stdout.hasSuffix("]\n\n"))
        }
    }

    @Test func anUnreachableEngineFailsWithTheEngineMessage() async throws {
        try await ScratchProject.with(Self.stack) { project in
            var environment = project.environment
            environment["DOCKER_HOST"] = "unix:///nonexistent/pier.sock"
            for command in [["ps"], ["ls"], ["logs"], ["images"], ["top"], ["port", "web", "80"]] {
                let result = try await TestSupport.run(
                    TestSupport.pierBinary, command, in: project.directory, environment: environment)
                #expect(result.status == 1, "\(command)")
                #expect(result.stderr.contains("/nonexistent/pier.sock"), "\(command): \(result.stderr)")
            }
        }
    }
}

/// A JSON string or number, to compare decoded objects.
enum JSONScalar: Decodable, Equatable, CustomStringConvertible {
    case text(String)
    case number(Double)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    var description: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        }
    }
}
