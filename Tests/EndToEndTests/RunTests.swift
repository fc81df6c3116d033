import Foundation
import PierTestSupport
import Testing

/// `pier run` against the real engine: one-off containers, their names and labels, dependencies, pipes, TTY and
/// signals.
@Suite(.requiresEngine)
struct RunTests {
    static let compose = """
        services:
          db: {image: pier-test/busybox, command: sleep 3600}
          web:
            image: pier-test/busybox
            command: sleep 3600
            depends_on: [db]
            ports: ["127.0.0.1::80"]
            restart: always
            environment: {FROM_SERVICE: "yes"}
            networks: {default: {aliases: [www]}}
        """

    private func oneOffs(_ project: ScratchProject) async throws -> [String] {
        try await project.docker(
            "ps", "-a", "--filter", "label=com.docker.compose.project=\(project.name)", "--filter",
            "label=com.docker.compose.oneoff=True", "--format", "{{.Names}}"
        ).stdout.split(separator: "\n").map(String.init)
    }

    @Test func removesItsContainerStartsDependenciesAndPassesTheExitCode() async throws {
        try await ScratchProject.with(Self.compose) { project in
            let result = try await project.pier(
                "run", "--rm", "web", "sh", "-c", "echo out $FROM_SERVICE; echo err >&2; exit 5")
            #expect(result.status == 5, "\(result.stderr)")
            #expect(result.stdout == "out yes\n")
            #expect(result.stderr.contains("err\n"))
            #expect(try await oneOffs(project).isEmpty)
            let db = try await project.docker("inspect", "-f", "{{.State.Status}}", "\(project.name)-db-1")
            #expect(db.stdout == "running\n")
            // The service's own containers are not created by `run`.
            #expect(try await project.docker("ps", "-aq", "--filter", "name=\(project.name)-web-1").stdout.isEmpty)
        }
    }

    /// Detached, `--rm` is the engine's job: Pier has exited when the container does.
    @Test func detachedRemoveIsLeftToTheEngine() async throws {
        try await ScratchProject.with(Self.compose) { project in
            let result = try await project.pier("run", "-d", "--rm", "--no-deps", "web", "sleep", "0.5")
            #expect(result.status == 0, "\(result.stderr)")
            var left = try await oneOffs(project)
            for _ in 0..<50 where !left.isEmpty {
                try await Task.sleep(for: .milliseconds(100))
                left = try await oneOffs(project)
            }
            #expect(left.isEmpty)
        }
    }

    /// `depends_on` conditions hold for the one-off too: it starts once its dependency is healthy, and not at
    /// all when a dependency that must complete fails.
    @Test func waitsForDependencyConditions() async throws {
        try await ScratchProject.with(
            """
            services:
              db:
                image: pier-test/busybox
                command: sh -c 'sleep 2; touch /tmp/ready; exec sleep 3600'
                healthcheck: {test: [CMD, test, -e, /tmp/ready], interval: 500ms, retries: 20}
              migrate: {image: pier-test/busybox, command: sh -c 'exit 3'}
              web:
                image: pier-test/busybox
                depends_on: {db: {condition: service_healthy}}
              broken:
                image: pier-test/busybox
                depends_on: {migrate: {condition: service_completed_successfully}}
            """
        ) { project in
            let healthy = try await project.pier("--progress", "plain", "run", "--rm", "web", "echo", "ran")
            #expect(healthy.status == 0, "\(healthy.stderr)")
            #expect(healthy.stdout == "ran\n")
            let health = try await project.docker("inspect", "-f", "{{.State.Health.Status}}", "\(project.name)-db-1")
            #expect(health.stdout == "healthy\n")
            let failed = try await project.pier("run", "--rm", "broken", "echo", "ran")
            #expect(failed.status == 1)
            #expect(failed.stdout.isEmpty)
            #expect(failed.stderr.contains("didn't complete successfully: exit 3"), "\(failed.stderr)")
            #expect(try await oneOffs(project).isEmpty)
        }
    }

    @Test func noDepsLeavesDependenciesAlone() async throws {
        try await ScratchProject.with(Self.compose) { project in
            let result = try await project.pier("run", "--rm", "--no-deps", "web", "true")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try await project.docker("ps", "-aq", "--filter", "name=\(project.name)-db-1").stdout.isEmpty)
        }
    }

    /// `--pull` overrides the service's `pull_policy`: `never` refuses a missing image, `always` tries the registry.
    @Test func pullOverridesThePolicy() async throws {
        try await ScratchProject.with(
            "services:\n  web: {image: pier-test/busybox, command: \"true\"}\n"
                + "  gone: {image: pier-test/none-such:1, command: \"true\"}\n"
        ) { project in
            #expect(try await project.pier("run", "--rm", "--pull", "missing", "web").status == 0)
            let never = try await project.pier("run", "--rm", "--pull", "never", "gone")
            #expect(never.status == 1)
            #expect(never.stderr.contains("pier-test/none-such:1"), "\(never.stderr)")
            // pier-test/busybox exists only here: pulling it always fails, where `missing` did not pull.
            let always = try await project.pier("run", "--rm", "--pull", "always", "web")
            #expect(always.status == 1)
            #expect(always.stderr.contains("cannot pull pier-test/busybox"), "\(always.stderr)")
            #expect(try await project.pier("run", "--rm", "--pull", "sometimes", "web").status == 1)
        }
    }

    /// A one-off container of a service is none of its replicas: what shares the service's namespace joins replica 1.
    @Test func sharingSkipsOneOffContainers() async throws {
        try await ScratchProject.with(
            """
            services:
              db: {image: pier-test/busybox, command: sleep 300, stop_signal: SIGKILL}
              app: {image: pier-test/busybox, command: sleep 300, stop_signal: SIGKILL, network_mode: service:db}
            """
        ) { project in
            #expect(try await project.pier("up", "-d", "db").status == 0)
            #expect(try await project.pier("run", "-d", "--no-deps", "db").status == 0)
            let up = try await project.pier("up", "-d", "--no-deps", "app")
            #expect(up.status == 0, "\(up.stderr)")
            let db = try await project.docker("inspect", "-f", "{{.Id}}", "\(project.name)-db-1").stdout
            let mode = try await project.docker("inspect", "-f", "{{.HostConfig.NetworkMode}}", "\(project.name)-app-1")
                .stdout
            #expect(mode == "container:" + db, "\(mode) vs \(db)")
        }
    }

    @Test func anEntrypointWithAnUnterminatedQuoteIsRefused() async throws {
        try await ScratchProject.with(Self.compose) { project in
            let result = try await project.pier("run", "--rm", "--no-deps", "--entrypoint", "sh -c 'echo", "web")
            #expect(result.status == 1)
            #expect(result.stderr.contains("unterminated quote"), "\(result.stderr)")
        }
    }

    /// `run -d` prints the container ID; the container is named and labelled as the reference's one-offs, and
    /// `ps` lists it only with `-a`, as the reference does.
    @Test func detachedOneOffHasTheReferenceNameAndLabels() async throws {
        try await ScratchProject.with(Self.compose) { project in
            let result = try await project.pier("run", "-d", "web")
            #expect(result.status == 0, "\(result.stderr)")
            let id = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(id.count == 64 && id.allSatisfy(\.isHexDigit), "\(result.stdout)")
            let inspect = try await project.docker(
                "inspect", "-f",
                "{{.Name}} {{index .Config.Labels \"com.docker.compose.oneoff\"}} "
                    + "{{index .Config.Labels \"com.docker.compose.slug\"}} "
                    + "{{index .Config.Labels \"com.docker.compose.service\"}} {{.HostConfig.RestartPolicy.Name}} "
                    + "{{len .HostConfig.PortBindings}} {{.Config.OpenStdin}} {{.Config.Tty}}",
                id)
            let fields = inspect.stdout.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 8, "\(inspect.stdout)")
            let slug = fields[2]
            #expect(fields[0] == "/\(project.name)-web-run-\(slug.prefix(12))")
            #expect(fields[1] == "True")
            #expect(slug.count == 64)
            #expect(fields[3] == "web")
            #expect(["", "no"].contains(fields[4]))  // no restart policy (Engine 26 reports the absent one as "no")
            #expect(fields[5] == "0")  // no ports without --service-ports
            #expect(fields[6] == "true" && fields[7] == "false\n")
            let ps = try await project.pier("ps", "--format", "{{.Name}}")
            #expect(!ps.stdout.contains("-run-"))
            let psAll = try await project.pier("ps", "-a", "--format", "{{.Name}}")
            #expect(psAll.stdout.contains("\(project.name)-web-run-\(slug.prefix(12))"))
        }
    }

    /// The reference's `down` leaves one-off containers; with `--remove-orphans` it removes the stopped ones.
    @Test func downTreatsOneOffsAsTheReferenceDoes() async throws {
        try await ScratchProject.with(Self.compose) { project in
            let running = try await project.pier("run", "-d", "--no-deps", "web").stdout.trimmingCharacters(
                in: .newlines)
            #expect(try await project.pier("run", "--no-deps", "web", "true").status == 0)
            #expect(try await oneOffs(project).count == 2)
            #expect(try await project.pier("down", "-t", "0").status == 0)
            #expect(try await oneOffs(project).count == 2)
            #expect(try await project.pier("down", "-t", "0", "--remove-orphans").status == 0)
            let left = try await project.docker(
                "ps", "-aq", "--no-trunc", "--filter", "label=com.docker.compose.project=\(project.name)")
            #expect(left.stdout == running + "\n")
        }
    }

    @Test func optionsShapeTheOneOffContainer() async throws {
        try await ScratchProject.with(Self.compose) { project in
            try FileManager.default.createDirectory(
                at: project.directory.appendingPathComponent("data"), withIntermediateDirectories: true)
            try "mounted\n".write(
                to: project.directory.appendingPathComponent("data/file"), atomically: true, encoding: .utf8)
            let result = try await project.pier(
                "run", "--rm", "-T", "--name", "\(project.name)-custom", "-e", "EXTRA=1", "-l", "team=qa", "-u",
                "65534",
                "-w", "/tmp", "-v", "./data:/data:ro", "--entrypoint", "sh -c", "web",
                "echo $EXTRA $FROM_SERVICE $(id -u) $(pwd) $(cat /data/file) $(hostname)")
            #expect(result.status == 0, "\(result.stderr)")
            let words = result.stdout.split(separator: " ").map(String.init)
            try #require(words.count == 6, "\(result.stdout)")
            #expect(words[0..<5] == ["1", "yes", "65534", "/tmp", "mounted"])

            try "FROM_FILE=file\nEXTRA=from-file\n".write(
                to: project.directory.appendingPathComponent("extra.env"), atomically: true, encoding: .utf8)
            let fromFile = try await project.pier(
                "run", "--rm", "-T", "--no-deps", "--env-from-file", "extra.env", "-e", "EXTRA=flag", "--cap-drop",
                "CHOWN", "web", "sh", "-c", "echo $FROM_FILE $EXTRA; chown 1 /tmp || echo no-chown")
            #expect(fromFile.stdout.hasPrefix("file flag\n") && fromFile.stdout.contains("no-chown"), "\(fromFile)")

            let detached = try await project.pier(
                "run", "-d", "--service-ports", "-p", "127.0.0.1::81", "--use-aliases", "-l", "team=qa", "web")
            let id = detached.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let inspect = try await project.docker(
                "inspect", "-f",
                "{{index .Config.Labels \"team\"}} {{range $p, $_ := .HostConfig.PortBindings}}{{$p}},{{end}} "
                    + "{{range $_, $n := .NetworkSettings.Networks}}{{range $n.Aliases}}{{.}},{{end}}{{end}}",
                id)
            #expect(inspect.stdout.hasPrefix("qa 81/tcp, "), "\(inspect.stdout)")
            #expect(inspect.stdout.contains("web,") && inspect.stdout.contains("www,"), "\(inspect.stdout)")
        }
    }

    @Test func stdinAndStdoutCarryMegabytes() async throws {
        try await ScratchProject.with(Self.compose) { project in
            let payload = try InteractiveSupport.randomFile(bytes: 4 << 20, in: project.directory)
            let expected = try await InteractiveSupport.sha256(of: payload)
            let result = try await InteractiveSupport.shell(
                "'\(TestSupport.pierBinary.path)' run --rm -T --no-deps web cat < payload > copy",
                in: project.directory, environment: project.environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(
                try await InteractiveSupport.sha256(of: project.directory.appendingPathComponent("copy")) == expected)
        }
    }

    @Test func allocatesATerminalUnderOne() async throws {
        try await ScratchProject.with(Self.compose) { project in
            let result = try await InteractiveSupport.underTerminal(
                "\"$PIER\" --progress quiet run --rm --no-deps web sh -c 'tty; sleep 1; stty size; exit 3'",
                project: project)
            #expect(result.stdout.contains("/dev/pts/"), "\(result.stdout)")
            #expect(result.stdout.contains("30 100"), "\(result.stdout)")
            #expect(result.stdout.contains("status=3"), "\(result.stdout)")
            let settings = result.stdout.components(separatedBy: "status=3").last ?? ""
            #expect(settings.contains(" icanon") && settings.contains(" echo "), "\(settings)")
            #expect(try await oneOffs(project).isEmpty)
        }
    }

    /// As the reference: `-t` (with `-i` or `--rm`) without a terminal on standard input fails before anything
    /// is created; without `-t`, a terminal is allocated only when standard input and output are both terminals.
    @Test(.requiresReference) func aTerminalAskedForWithoutOneFailsAsTheReference() async throws {
        try await ScratchProject.with(Self.compose) { project in
            for flags in [["--rm", "-it"], ["-t"], ["-d", "-t"]] {
                let arguments = ["run", "--no-deps"] + flags + ["web", "true"]
                let (pier, reference) = (try await project.pier(arguments), try await project.reference(arguments))
                #expect(
                    pier.status == 1 && pier.stderr == "the input device is not a TTY\n", "\(flags): \(pier.stderr)")
                #expect(reference.status == pier.status && reference.stderr.hasSuffix(pier.stderr), "\(flags)")
            }
            #expect(try await oneOffs(project).isEmpty)
            let terminalOut = try await InteractiveSupport.underTerminal(
                "\"$PIER\" --progress quiet run --rm --no-deps web tty </dev/null; echo status=$?", project: project)
            #expect(terminalOut.stdout.contains("not a tty") && terminalOut.stdout.contains("status=1"))
        }
    }

    @Test func buildsTheImageFirstWithBuild() async throws {
        try await ScratchProject.with(
            """
            services:
              tool: {build: ., command: cat /marker}
            """, files: ["Dockerfile": "FROM pier-test/busybox\nRUN echo built > /marker\n"]
        ) { project in
            await project.onCleanUp {
                _ = try? await project.docker("rmi", "\(project.name)-tool")
            }
            let result = try await project.pier("run", "--rm", "--build", "tool")
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "built\n")
        }
    }
}
