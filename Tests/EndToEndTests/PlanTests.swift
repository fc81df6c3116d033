import Foundation
import PierTestSupport
import Testing

/// `pier plan` and `--dry-run` against the real engine: what `up` would do, why, and nothing changed.
@Suite(.requiresEngine)
struct PlanTests {
    static func compose(_ url: String, label: String = "one") -> String {
        """
        services:
          db:
            image: pier-test/busybox:latest
            command: ["sleep", "600"]
            environment: {DB_URL: \(url)}
            labels: {tier: \(label)}
            volumes: [data:/data]
          web:
            image: pier-test/busybox:latest
            command: ["sleep", "600"]
            depends_on: [db]
            networks: [front, default]
        networks:
          front: {}
        volumes:
          data: {}
        """
    }

    /// On an empty engine, Pier's dry run prints the lines the reference's prints, and creates nothing.
    @Test(.requiresReference) func dryRunUpMatchesTheReference() async throws {
        try await ScratchProject.with(Self.compose("a")) { project in
            let pier = try await project.pier("--dry-run", "up", "-d")
            let reference = try await project.reference("--dry-run", "up", "-d")
            #expect(pier.status == 0, "\(pier.stderr)")
            // The reference creates networks concurrently: their lines come in either order, so lines are compared
            // sorted, and each container's after the networks and volume it needs.
            #expect(Self.sortedLines(pier.stderr) == Self.sortedLines(reference.stderr))
            #expect(pier.stdout == reference.stdout)
            #expect(Self.containersAfterResources(pier.stderr), "\(pier.stderr)")
            // The flag may follow the command's name, as in the reference.
            let after = try await project.pier("up", "--dry-run", "-d")
            #expect(Self.sortedLines(after.stderr) == Self.sortedLines(reference.stderr))
            #expect(try await project.pier("ps", "-a", "-q").stdout == "")
            let created = try await project.pier("--dry-run", "create")
            let referenceCreated = try await project.reference("--dry-run", "create")
            #expect(Self.sortedLines(created.stderr) == Self.sortedLines(referenceCreated.stderr))
        }
    }

    static func sortedLines(_ text: String) -> [Substring] {
        text.split(separator: "\n").sorted()
    }

    /// Whether every `Container` line comes after the last `Network` and `Volume` line.
    static func containersAfterResources(_ text: String) -> Bool {
        let lines = text.split(separator: "\n")
        guard let firstContainer = lines.firstIndex(where: { $0.contains(" Container ") }) else { return false }
        let lastResource = lines.lastIndex(where: { $0.contains(" Network ") || $0.contains(" Volume ") }) ?? -1
        return lastResource < firstContainer
    }

    /// Once up, a changed variable and label are named as the recreation's reasons, with where they are written; a
    /// dry run reports the recreation and leaves the container as it was.
    @Test func planNamesTheChangedInputs() async throws {
        try await ScratchProject.with(Self.compose("a")) { project in
            let up = try await project.pier("up", "-d")
            try #require(up.status == 0, "\(up.stderr)")
            #expect(try await project.pier("plan").stdout == "Nothing to do: the project is up to date.\n")
            let before = try await project.pier("ps", "-q", "db").stdout
            try Self.compose("b", label: "two").write(
                to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let text = try await project.pier("plan")
            #expect(text.status == 0, "\(text.stderr)")
            let row = text.stdout.split(separator: "\n").first { $0.hasPrefix("recreate") }.map(String.init) ?? ""
            #expect(row.contains("Container \(project.name)-db-1"))
            #expect(row.contains("environment.DB_URL (compose.yaml:5:27)"), "\(text.stdout)")
            #expect(row.contains("labels.tier (compose.yaml:6:20)"), "\(text.stdout)")
            #expect(!text.stdout.contains("\(project.name)-web-1"))

            let json = try await project.pier("plan", "--format", "json")
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let steps = object?["steps"] as? [[String: Any]] ?? []
            let db = steps.first { $0["name"] as? String == "\(project.name)-db-1" }
            #expect(db?["action"] as? String == "recreate")
            let inputs = (db?["reasons"] as? [[String: Any]] ?? []).compactMap { $0["input"] as? String }
            #expect(inputs == ["environment.DB_URL", "labels.tier"])

            let dry = try await project.pier("--dry-run", "up", "-d")
            #expect(
                dry.stderr.split(separator: "\n").prefix(2) == [
                    " DRY-RUN MODE -  Container \(project.name)-db-1  Recreate",
                    " DRY-RUN MODE -  Container \(project.name)-db-1  Recreated",
                ])
            #expect(try await project.pier("ps", "-q", "db").stdout == before)
        }
    }

    /// `plan` and a dry run of every command that changes something reach the engine with reads only: the logging
    /// proxy sees no POST, PUT or DELETE; a dry `cp` out of a container writes no file either. `stack rm`, which
    /// Compose does not have, refuses the flag.
    @Test func dryRunOnlyReads() async throws {
        try await ScratchProject.with(Self.compose("a")) { project in
            let up = try await project.pier("up", "-d", "db")
            try #require(up.status == 0, "\(up.stderr)")
            try Self.compose("b").write(
                to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let copied = project.directory.appendingPathComponent("hostname").path
            let commands: [[String]] = [
                ["plan"], ["--dry-run", "up", "-d"], ["--dry-run", "create", "--force-recreate"],
                ["--dry-run", "down"],
                ["down", "--dry-run", "-v", "--rmi", "all"], ["--dry-run", "stop"], ["--dry-run", "kill"],
                ["--dry-run", "pause"], ["--dry-run", "unpause"], ["--dry-run", "restart"], ["--dry-run", "start"],
                ["--dry-run", "rm", "-sf"], ["--dry-run", "exec", "-d", "db", "true"],
                ["--dry-run", "run", "-d", "db", "true"], ["--dry-run", "scale", "db=2"],
                ["--dry-run", "cp", "compose.yaml", "db:/tmp/"], ["--dry-run", "cp", "db:/etc/hostname", copied],
                ["--dry-run", "commit", "db", "\(project.name)-committed"], ["--dry-run", "push"],
                // No registry listens there: a dry run sends it nothing.
                ["--dry-run", "publish", "-y", "127.0.0.1:9/\(project.name):1"],
            ]
            let methods = try await Self.methods { environment in
                for arguments in commands {
                    let result = try await project.pier(arguments, environment: environment)
                    #expect(result.status == 0, "\(arguments): \(result.stderr)")
                }
            }
            #expect(methods.contains("GET"))
            #expect(methods.allSatisfy { $0 == "GET" || $0 == "HEAD" }, "\(methods)")
            #expect(!FileManager.default.fileExists(atPath: copied))
            #expect(try await project.pier("ps", "--status", "running", "-q", "db").stdout != "")
            let refused = try await project.pier("--dry-run", "stack", "rm", project.name)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("--dry-run is not supported by `stack rm`"), "\(refused.stderr)")
            for command in ["exec", "run"] {
                let interactive = try await project.pier("--dry-run", command, "-T", "db", "true")
                #expect(interactive.status == 1)
                #expect(interactive.stderr == "interactive \(command) is not supported in dry-run mode\n")
            }
        }
    }

    /// The HTTP methods of the requests `body` sends through the logging proxy, which forwards to the engine the
    /// tests use (`body` gets the environment that points Pier at it).
    static func methods(_ body: ([String: String]) async throws -> Void) async throws -> [String] {
        try await FaultProxy.with { proxy in
            try await body(proxy.environment)
            return proxy.requests().compactMap { $0.line.split(separator: " ").first.map(String.init) }
        }
    }

    /// A dry run started nothing, so it waits for no dependency condition: `start` of a stopped stack whose `web`
    /// needs `db` healthy reports both started and leaves both stopped (the reference's dry run waits, and fails).
    @Test func aDryRunWaitsForNoDependency() async throws {
        let compose = """
            services:
              db:
                image: pier-test/busybox:latest
                command: [sleep, "600"]
                stop_signal: SIGKILL
                healthcheck: {test: [CMD, "true"], interval: 1s}
              web:
                image: pier-test/busybox:latest
                command: [sleep, "600"]
                stop_signal: SIGKILL
                depends_on: {db: {condition: service_healthy}}
            """
        try await ScratchProject.with(compose) { project in
            try #require(try await project.pier("up", "-d").status == 0)
            try #require(try await project.pier("stop").status == 0)
            let dry = try await project.pier("--dry-run", "start")
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stderr.contains(" DRY-RUN MODE -  Container \(project.name)-web-1  Started"), "\(dry.stderr)")
            let states = try await project.pier("ps", "-a", "--format", "{{.State}}")
            #expect(states.stdout == "exited\nexited\n")
        }
    }

    /// A dry build builds nothing, but refuses what a build refuses before it reaches the engine.
    @Test func aDryBuildChecksWhatABuildChecks() async throws {
        let compose = """
            services:
              app:
                build: {context: ., cache_to: ["type=local,dest=./cache"]}
            """
        try await ScratchProject.with(compose, files: ["Dockerfile": "FROM pier-test/busybox\n"]) { project in
            let dry = try await project.pier("--dry-run", "build")
            #expect(dry.status == 1)
            #expect(dry.stderr.contains("cannot export a cache to a directory"), "\(dry.stderr)")
            #expect(try await project.pier("images", "-q").stdout == "")
        }
    }

    /// A dry run of the commands that stop, remove and change running containers prints what the reference's
    /// prints (lines compared sorted: both act on containers concurrently), and changes nothing.
    @Test(.requiresReference) func dryRunLifecycleMatchesTheReference() async throws {
        try await ScratchProject.with(Self.compose("a")) { project in
            let up = try await project.pier("up", "-d")
            try #require(up.status == 0, "\(up.stderr)")
            let commands: [[String]] = [
                ["down"], ["down", "-v", "--rmi", "all"], ["stop"], ["kill"], ["pause"], ["restart", "db"],
                ["exec", "-d", "db", "sh", "-c", "echo a b"], ["--progress", "json", "stop"],
                ["--progress", "json", "down"],
            ]
            for command in commands {
                let pier = try await project.pier(["--dry-run"] + command)
                let reference = try await project.reference(["--dry-run"] + command)
                #expect(pier.status == reference.status, "\(command): \(pier.stderr)")
                #expect(Self.sortedLines(pier.stderr) == Self.sortedLines(reference.stderr), "\(command)")
                #expect(pier.stdout == reference.stdout, "\(command)")
            }
            let running = try await project.pier("ps", "--status", "running", "-q").stdout
            #expect(running.split(separator: "\n").count == 2)
        }
    }
}
