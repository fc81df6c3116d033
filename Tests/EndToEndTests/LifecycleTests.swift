import Foundation
import PierTestSupport
import Testing

/// `up`, `down` and the commands around them, run by the built `pier` against the real engine, checked from
/// the outside with the docker CLI and the reference Docker Compose.
@Suite(.requiresEngine)
struct LifecycleTests {
    static let twoServices = """
        services:
          web:
            image: pier-test/busybox
            command: sleep 3600
            stop_signal: SIGKILL
            depends_on: [db]
            labels: [tier=front]
          db:
            image: pier-test/busybox
            command: sleep 3600
            stop_signal: SIGKILL
            volumes: [data:/data]
        volumes:
          data:
        """

    @Test(.requiresReference) func upCreatesWhatComposeWouldAndDownRemovesIt() async throws {
        try await ScratchProject.with(Self.twoServices) { project in
            let up = try await project.pier("up", "-d")
            #expect(up.status == 0, "\(up.stderr)")
            let names = try await project.docker(
                "ps", "--filter", "label=com.docker.compose.project=\(project.name)", "--format", "{{.Names}}")
            #expect(Set(names.stdout.split(separator: "\n")) == ["\(project.name)-web-1", "\(project.name)-db-1"])
            let labels = try await project.docker(
                "inspect", "\(project.name)-web-1", "--format", "{{json .Config.Labels}}")
            let decoded = try JSONDecoder().decode([String: String].self, from: Data(labels.stdout.utf8))
            #expect(decoded["com.docker.compose.service"] == "web")
            #expect(decoded["com.docker.compose.container-number"] == "1")
            #expect(decoded["com.docker.compose.oneoff"] == "False")
            #expect(decoded["com.docker.compose.depends_on"] == "db:service_started:false")
            #expect(decoded["tier"] == "front")
            // Docker Compose sees the stack as its own.
            let listed = try await project.reference("ps", "--format", "{{.Name}}")
            #expect(Set(listed.stdout.split(separator: "\n")) == ["\(project.name)-web-1", "\(project.name)-db-1"])

            let down = try await project.pier("down")
            #expect(down.status == 0, "\(down.stderr)")
            #expect(
                try await project.docker("ps", "-aq", "--filter", "label=com.docker.compose.project=\(project.name)")
                    .stdout
                    .isEmpty)
            #expect(try await project.docker("network", "inspect", "\(project.name)_default").status != 0)
            // A named volume survives `down`, and goes with `down -v`.
            #expect(try await project.docker("volume", "inspect", "\(project.name)_data").status == 0)
            #expect(try await project.pier("down", "-v").status == 0)
            #expect(try await project.docker("volume", "inspect", "\(project.name)_data").status != 0)
        }
    }

    @Test func secondUpKeepsContainersAndAChangeRecreatesOnlyThatService() async throws {
        try await ScratchProject.with(Self.twoServices) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            let before = try await ids(project)
            #expect(try await project.pier("up", "-d").status == 0)
            #expect(try await ids(project) == before)

            let changed = Self.twoServices.replacingOccurrences(of: "tier=front", with: "tier=edge")
            try changed.write(
                to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            #expect(try await project.pier("up", "-d").status == 0)
            let after = try await ids(project)
            #expect(after["db"] == before["db"])
            #expect(after["web"] != before["web"])

            #expect(try await project.pier("up", "-d", "--force-recreate").status == 0)
            let forced = try await ids(project)
            #expect(forced["db"] != after["db"] && forced["web"] != after["web"])
        }
    }

    @Test(.requiresReference) func downAlsoRemovesAStackTheReferenceStarted() async throws {
        try await ScratchProject.with(Self.twoServices) { project in
            #expect(try await project.reference("up", "-d").status == 0)
            let down = try await project.pier("down", "-v")
            #expect(down.status == 0, "\(down.stderr)")
            #expect(
                try await project.docker("ps", "-aq", "--filter", "label=com.docker.compose.project=\(project.name)")
                    .stdout
                    .isEmpty)
            // And the reference tears down what Pier started.
            #expect(try await project.pier("up", "-d").status == 0)
            #expect(try await project.reference("down", "-v").status == 0)
            #expect(
                try await project.docker("ps", "-aq", "--filter", "label=com.docker.compose.project=\(project.name)")
                    .stdout
                    .isEmpty)
        }
    }

    @Test func scaleAndRemoveOrphans() async throws {
        try await ScratchProject.with(Self.twoServices) { project in
            #expect(try await project.pier("up", "-d", "--scale", "web=3").status == 0)
            #expect(try await ids(project, service: "web").count == 3)
            #expect(try await project.pier("up", "-d", "--scale", "web=1").status == 0)
            #expect(try await ids(project, service: "web").count == 1)

            try """
            services:
              db: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL}
            """.write(to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let warned = try await project.pier("--progress", "plain", "up", "-d")
            #expect(warned.stderr.contains("orphan"))
            #expect(try await project.pier("up", "-d", "--remove-orphans").status == 0)
            #expect(try await ids(project, service: "web").isEmpty)
        }
    }

    @Test func stopStartRestartPauseKillRm() async throws {
        try await ScratchProject.with(Self.twoServices) { project throws in
            #expect(try await project.pier("up", "-d").status == 0)
            #expect(try await project.pier("stop").status == 0)
            #expect(try await states(project) == ["db": "exited", "web": "exited"])
            #expect(try await project.pier("start").status == 0)
            #expect(try await states(project) == ["db": "running", "web": "running"])
            #expect(try await project.pier("pause", "web").status == 0)
            #expect(try await states(project)["web"] == "paused")
            #expect(try await project.pier("unpause", "web").status == 0)
            #expect(try await project.pier("restart", "db").status == 0)
            #expect(try await states(project) == ["db": "running", "web": "running"])
            #expect(try await project.pier("kill", "web").status == 0)
            #expect(try await states(project)["web"] == "exited")
            #expect(try await project.pier("rm", "-f").status == 0)
            #expect(try await states(project) == ["db": "running"])
        }
    }

    /// `--scale` over a fixed `container_name`: like the reference, Pier says why and creates no replica.
    @Test(.requiresReference) func scalingAServiceWithAContainerNameFailsAsTheReference() async throws {
        let fixed = "piertest-fixed-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        try await ScratchProject.with(
            "services:\n  a: {image: pier-test/busybox, command: sleep 300, container_name: \(fixed)}\n"
        ) { project in
            for result in [
                try await project.pier("up", "-d", "--scale", "a=3"),
                try await project.reference("up", "-d", "--scale", "a=3"),
            ] {
                #expect(result.status == 1)
                #expect(result.stderr.contains("Remove the custom name to scale the service"), "\(result.stderr)")
                #expect(try await project.docker("ps", "-aq", "--filter", "name=\(fixed)").stdout.isEmpty)
            }
        }
    }

    @Test func downNeverRemovesAVolumeTheProjectDidNotCreate() async throws {
        let precious = "piertest-precious-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        try await ScratchProject.with(
            """
            services:
              app: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, volumes: [data:/data]}
            volumes:
              data: {name: \(precious)}
            """
        ) { project throws in
            await project.onCleanUp {
                _ = try? await project.docker("volume", "rm", precious)
            }
            #expect(try await project.docker("volume", "create", precious).status == 0)
            #expect(try await project.pier("up", "-d").status == 0)
            #expect(try await project.pier("down", "-v").status == 0)
            #expect(try await project.docker("volume", "inspect", precious).status == 0)
        }
    }

    @Test func forceRecreateOfOneServiceLeavesItsDependencies() async throws {
        try await ScratchProject.with(Self.twoServices) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            let before = try await ids(project)
            #expect(try await project.pier("up", "-d", "--force-recreate", "web").status == 0)
            let after = try await ids(project)
            #expect(after["db"] == before["db"])
            #expect(after["web"] != before["web"])
        }
    }

    @Test func containersOfADisabledProfileAreNotOrphans() async throws {
        try await ScratchProject.with(
            """
            services:
              app: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL}
              debug: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, profiles: [debug]}
            """
        ) { project in
            #expect(try await project.pier("--profile", "debug", "up", "-d").status == 0)
            let up = try await project.pier("--progress", "plain", "up", "-d", "--remove-orphans")
            #expect(!up.stderr.contains("orphan"))
            #expect(try await states(project)["debug"] == "running")
        }
    }

    @Test func waitReportsEachExitAndReturnsTheLastCode() async throws {
        try await ScratchProject.with(
            """
            services:
              a: {image: pier-test/busybox, command: sh -c 'sleep 1; exit 3'}
              b: {image: pier-test/busybox, command: sh -c 'sleep 2; exit 5'}
            """
        ) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            let wait = try await project.pier("wait", "a", "b")
            #expect(wait.status == 5)
            #expect(wait.stdout.split(separator: "\n").count == 2)
            #expect(wait.stdout.contains("exited with status code 3"))
        }
    }

    /// As the reference: only running containers are waited for; with none, `wait` fails at once.
    @Test(.requiresReference) func waitOnAStoppedServiceFailsAsTheReference() async throws {
        try await ScratchProject.with(Self.twoServices) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            #expect(try await project.pier("stop", "web").status == 0)
            let (pier, reference) = (try await project.pier("wait", "web"), try await project.reference("wait", "web"))
            #expect(
                pier.status == 1 && pier.stderr == "no containers for project \"\(project.name)\"\n", "\(pier.stderr)")
            #expect(reference.status == pier.status && reference.stderr == pier.stderr)
            // The stopped one is left out: `wait web db` waits for db alone.
            let waited = try await project.launch(["wait", "web", "db"]) { wait throws in
                #expect(!(await wait.waitForExit(seconds: 2)), "wait returned while db runs")
                let kill = try await project.pier("kill", "db")
                #expect(kill.status == 0)
                #expect(await wait.waitForExit(seconds: 10))
            }
            #expect(waited.status == 137)
            #expect(waited.stdout.split(separator: "\n").count == 1, "\(waited.stdout)")
        }
    }

    /// As the reference: `kill` with nothing running says so on standard error, in every progress mode, and
    /// succeeds (the reference ends the line with no newline: a documented difference).
    @Test(.requiresReference) func killWithNothingRunningSaysSoAsTheReference() async throws {
        try await ScratchProject.with(Self.twoServices) { project in
            for arguments in [["kill"], ["--progress", "quiet", "kill", "web"]] {
                let (pier, reference) = (try await project.pier(arguments), try await project.reference(arguments))
                #expect(pier.status == 0 && pier.stderr == "no container to kill\n", "\(pier.stderr)")
                #expect(
                    reference.status == pier.status && reference.stderr + "\n" == pier.stderr, "\(reference.stderr)")
            }
        }
    }

    /// Without `-f` and without a terminal, `rm` asks as the reference does (the question without a newline, the
    /// answer read from standard input as the reference reads it); with `-f` it says what it removes.
    @Test(.requiresReference) func rmAsksAsTheReferenceWithoutATerminal() async throws {
        try await ScratchProject.with(Self.twoServices) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            #expect(try await project.pier("stop", "web").status == 0)
            for answer in ["n\n", "yes\n", ""] {
                let pier = try await project.pier(["rm"], stdin: Data(answer.utf8))
                let reference = try await project.reference(["rm"], stdin: Data(answer.utf8))
                #expect(pier.status == 0 && pier.stdout == "Going to remove \(project.name)-web-1", "\(pier.stdout)")
                #expect(reference.status == pier.status && reference.stdout == pier.stdout, "\(reference.stdout)")
                #expect(try await states(project)["web"] == "exited", "answered \(answer)")
            }
            #expect(try await project.pier(["rm"], stdin: Data("Y\n".utf8)).status == 0)
            #expect(try await states(project) == ["db": "running"])
            let none = try await project.pier("rm", "-f")
            #expect(none.stdout.isEmpty && none.stderr == "No stopped containers\n")
            #expect(try await project.pier("stop", "db").status == 0)
            let forced = try await project.pier("rm", "-f")
            #expect(forced.stdout == "Going to remove \(project.name)-db-1\n", "\(forced.stdout)")
        }
    }

    /// `pause` and `unpause` act on the containers that are up and print one line each once done, as the
    /// reference; a container already in that state is the engine's refusal, in the reference's words.
    @Test(.requiresReference) func pauseAndUnpauseAsTheReference() async throws {
        try await ScratchProject.with(Self.twoServices) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            var outcomes: [[String]] = []
            for tool in ["reference", "pier"] {
                let run = { (arguments: [String]) in
                    let arguments = ["--progress", "plain"] + arguments
                    return tool == "pier" ? try await project.pier(arguments) : try await project.reference(arguments)
                }
                for arguments in [["pause", "web"], ["pause", "web"], ["unpause", "web"], ["unpause", "web"]] {
                    let result = try await run(arguments)
                    // Container IDs differ between the tools' runs only if containers were recreated: they are not.
                    outcomes.append(["\(result.status)"] + result.stderr.split(separator: "\n").map(String.init))
                }
            }
            let web = try await project.docker("inspect", "-f", "{{.Id}}", "\(project.name)-web-1").stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(
                outcomes.prefix(4) == [
                    ["0", " Container \(project.name)-web-1  Paused"],
                    ["1", "Error response from daemon: Container \(web) is already paused"],
                    ["0", " Container \(project.name)-web-1  Unpaused"],
                    ["1", "Error response from daemon: Container \(web) is not paused"],
                ])
            #expect(Array(outcomes.suffix(4)) == Array(outcomes.prefix(4)))
        }
    }

    @Test func noDepsStartsOnlyTheNamedService() async throws {
        try await ScratchProject.with(Self.twoServices) { project throws in
            #expect(try await project.pier("up", "-d", "--no-deps", "web").status == 0)
            #expect(try await states(project) == ["web": "running"])
            #expect(try await project.pier("up", "-d", "web").status == 0)
            #expect(try await states(project) == ["db": "running", "web": "running"])
        }
    }

    @Test func createMakesContainersWithoutStartingThem() async throws {
        try await ScratchProject.with(Self.twoServices) { project throws in
            #expect(try await project.pier("create", "--scale", "web=2").status == 0)
            #expect(try await ids(project, service: "web").count == 2)
            #expect(try await states(project) == ["db": "created", "web": "created"])
        }
    }

    private func ids(_ project: ScratchProject, service: String? = nil) async throws -> [String: String] {
        var filters = ["--filter", "label=com.docker.compose.project=\(project.name)"]
        if let service { filters += ["--filter", "label=com.docker.compose.service=\(service)"] }
        let output = try await project.docker(
            ["ps", "-a"] + filters + [
                "--format",
                "{{.Label \"com.docker.compose.service\"}}-{{.Label \"com.docker.compose.container-number\"}} {{.ID}}",
            ])
        var result: [String: String] = [:]
        for line in output.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { continue }
            let key = service == nil ? String(parts[0].split(separator: "-").first ?? "") : String(parts[0])
            result[key] = String(parts[1])
        }
        return result
    }

    /// Each service's state, from `inspect`: Engine 26 updates the container list a moment after `stop` and `kill`
    /// return, while `inspect` reads the state they waited for.
    private func states(_ project: ScratchProject) async throws -> [String: String] {
        let ids = try await project.docker("ps", "-aq", "--filter", "label=com.docker.compose.project=\(project.name)")
            .stdout.split(whereSeparator: \.isNewline).map(String.init)
        guard !ids.isEmpty else { return [:] }
        let output = try await project.docker(
            ["inspect", "--format", "{{index .Config.Labels \"com.docker.compose.service\"}} {{.State.Status}}"] + ids)
        return Dictionary(
            output.stdout.split(separator: "\n").compactMap { line in
                let parts = line.split(separator: " ")
                return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
            }, uniquingKeysWith: { first, _ in first })
    }
}
