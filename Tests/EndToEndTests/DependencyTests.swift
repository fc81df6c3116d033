import Foundation
import PierTestSupport
import Testing

/// `depends_on` conditions, `up --wait`, attached `up`, and the failures a user must be able to act on.
@Suite(.requiresEngine)
struct DependencyTests {
    @Test func serviceHealthyWaitsForTheHealthcheck() async throws {
        try await ScratchProject.with(
            """
            services:
              db:
                image: pier-test/busybox
                command: sh -c 'sleep 1; touch /tmp/ready; sleep 3600'
                stop_signal: SIGKILL
                healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s, retries: 10}
              app:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                depends_on: {db: {condition: service_healthy}}
            """
        ) { project in
            let up = try await project.pier("--progress", "plain", "up", "-d")
            #expect(up.status == 0, "\(up.stderr)")
            #expect(up.stderr.contains("Container \(project.name)-db-1  Healthy"))
            // app started only after db was healthy.
            let health = try await project.docker(
                "inspect", "\(project.name)-db-1", "--format", "{{.State.Health.Status}}")
            #expect(health.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "healthy")
            let started = try await project.docker(
                "inspect", "\(project.name)-app-1", "--format", "{{.State.StartedAt}}")
            let log = try await project.docker(
                "inspect", "\(project.name)-db-1", "--format", "{{(index .State.Health.Log 0).End}}")
            #expect(
                started.stdout > log.stdout.prefix(19),
                "app started at \(started.stdout), db's first check \(log.stdout)")
        }
    }

    @Test func completedSuccessfullyRunsAfterAMigration() async throws {
        try await ScratchProject.with(
            """
            services:
              migrate: {image: pier-test/busybox, command: sh -c 'echo migrated'}
              app:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                depends_on: {migrate: {condition: service_completed_successfully}}
            """
        ) { project in
            let up = try await project.pier("up", "-d")
            #expect(up.status == 0, "\(up.stderr)")
            let state = try await project.docker("inspect", "\(project.name)-app-1", "--format", "{{.State.Status}}")
            #expect(state.stdout.contains("running"))
        }
    }

    @Test func aFailedDependencyIsNamedWithItsLastLines() async throws {
        try await ScratchProject.with(
            """
            services:
              migrate: {image: pier-test/busybox, command: sh -c 'echo "cannot reach database"; exit 3'}
              app:
                image: pier-test/busybox
                command: sleep 3600
                depends_on: {migrate: {condition: service_completed_successfully}}
            """
        ) { project in
            let up = try await project.pier("up", "-d")
            #expect(up.status == 1)
            #expect(up.stderr.contains("service \"migrate\" didn't complete successfully: exit 3"))
            #expect(up.stderr.contains("cannot reach database"))
            // app was never started.
            let state = try await project.docker(
                "ps", "-a", "--filter", "name=\(project.name)-app-1", "--format", "{{.State}}")
            #expect(!state.stdout.contains("running"))
        }
    }

    @Test func anUnhealthyDependencyStopsTheUp() async throws {
        try await ScratchProject.with(
            """
            services:
              db:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                healthcheck: {test: ["CMD", "false"], interval: 1s, retries: 1}
              app: {image: pier-test/busybox, command: sleep 3600, depends_on: {db: {condition: service_healthy}}}
            """
        ) { project in
            let up = try await project.pier("up", "-d")
            #expect(up.status == 1)
            #expect(up.stderr.contains("container \(project.name)-db-1 is unhealthy"))
        }
    }

    @Test func upWaitReturnsOnceHealthy() async throws {
        try await ScratchProject.with(
            """
            services:
              web:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                healthcheck: {test: ["CMD", "true"], interval: 1s}
            """
        ) { project in
            let up = try await project.pier("up", "--wait", "--wait-timeout", "30")
            #expect(up.status == 0, "\(up.stderr)")
            let health = try await project.docker(
                "inspect", "\(project.name)-web-1", "--format", "{{.State.Health.Status}}")
            #expect(health.stdout.contains("healthy"))
        }
    }

    /// As the reference: a service declared `attach: false` is not followed unless named.
    @Test(.requiresReference) func attachedUpLeavesOutAServiceDeclaredNotToAttach() async throws {
        try await ScratchProject.with(
            """
            services:
              quiet: {image: pier-test/busybox, command: echo from-quiet, attach: false}
              loud: {image: pier-test/busybox, command: sh -c 'sleep 1; echo from-loud'}
            """
        ) { project in
            let reference = try await project.reference("up", "--no-color")
            _ = try await project.pier("down")
            let pier = try await project.pier("up", "--no-color")
            #expect(pier.status == 0 && reference.status == 0, "\(pier.stderr)")
            #expect(pier.stdout.hasPrefix("Attaching to loud-1\n"), "\(pier.stdout)")
            #expect(!pier.stdout.contains("from-quiet"))
            #expect(reference.stdout.hasPrefix("Attaching to loud-1\n") && !reference.stdout.contains("from-quiet"))
        }
    }

    @Test func attachedUpStreamsOutputAndReturnsTheExitCode() async throws {
        try await ScratchProject.with(
            """
            services:
              job: {image: pier-test/busybox, command: sh -c 'echo hello from job; exit 7'}
            """
        ) { project in
            let up = try await project.pier("--progress", "quiet", "up", "--exit-code-from", "job", "--no-color")
            #expect(up.status == 7, "\(up.stdout)\(up.stderr)")
            #expect(up.stdout.contains("job-1  | hello from job"))
            #expect(up.stdout.contains("job-1 exited with code 7"))
        }
    }

    /// `--abort-on-container-exit`: the first container to exit stops the project and gives the status;
    /// `--no-attach` hides a service's output (as the reference does with this project).
    @Test func theFirstExitAbortsTheAttachedProject() async throws {
        try await ScratchProject.with(
            """
            services:
              quick: {image: pier-test/busybox, command: sh -c 'sleep 1; echo quick done; exit 3'}
              slow: {image: pier-test/busybox, command: sh -c 'echo slow up; exec sleep 30', stop_signal: SIGKILL}
              quiet: {image: pier-test/busybox, command: sh -c 'echo hidden; exec sleep 30', stop_signal: SIGKILL}
            """
        ) { project in
            let up = try await project.pier(
                "--progress", "quiet", "up", "--abort-on-container-exit", "--no-attach", "quiet", "--no-color")
            #expect(up.status == 3, "\(up.stdout)\(up.stderr)")
            #expect(up.stdout.hasPrefix("Attaching to quick-1, slow-1\n"), "\(up.stdout)")
            #expect(up.stdout.contains("quick-1  | quick done"))
            #expect(up.stdout.contains("quick-1 exited with code 3"))
            #expect(!up.stdout.contains("hidden"))
            #expect(up.stderr.contains("Aborting on container exit..."))
            let quiet = try await project.docker("inspect", "-f", "{{.State.Status}}", "\(project.name)-quiet-1")
            #expect(quiet.stdout == "exited\n")
        }
    }

    @Test func anUnreachableEngineIsNamed() async throws {
        try await ScratchProject.with("services: {a: {image: pier-test/busybox}}") { project in
            var environment = project.environment
            environment["DOCKER_HOST"] = "unix:///tmp/no-engine-here.sock"
            let result = try await TestSupport.run(
                TestSupport.pierBinary, ["up", "-d"], in: project.directory, environment: environment)
            #expect(result.status == 1)
            #expect(result.stderr.contains("unix:///tmp/no-engine-here.sock"))
            #expect(result.stderr.contains("DOCKER_HOST"))
        }
    }

    @Test func aMissingImageIsNamed() async throws {
        try await ScratchProject.with("services: {a: {image: pier-test/does-not-exist:1}}") { project in
            let up = try await project.pier("up", "-d")
            #expect(up.status == 1)
            #expect(up.stderr.contains("pier-test/does-not-exist:1"))
        }
    }

    /// An attribute the engine cannot honour is refused, and a Windows-only one warned about, at its
    /// file:line:column; the other service is still created.
    @Test func refusalsAndWarningsNameWhereTheAttributeIsWritten() async throws {
        try await ScratchProject.with(
            """
            services:
              a:
                image: pier-test/busybox
                cpus: 0.5
                cpu_quota: 50000
              b:
                image: pier-test/busybox
                credential_spec: {file: spec.json}
            """
        ) { project in
            let file = project.directory.appendingPathComponent("compose.yaml").path
            let up = try await project.pier("--progress", "plain", "up", "-d")
            #expect(up.status == 1)
            #expect(
                up.stderr.contains(
                    "Warning \(file):8:22: service \"b\": credential_spec only applies to Windows containers and is"
                        + " ignored"),
                "\(up.stderr)")
            #expect(
                up.stderr.hasSuffix(
                    "\(file):4:11: service \"a\": cpus cannot be combined with cpu_quota or cpu_period\n"),
                "\(up.stderr)")
        }
    }

    /// A dependency with `required: false` that fails is a warning naming where it is declared; the service
    /// still starts.
    @Test func anOptionalDependencyThatFailsIsAWarning() async throws {
        try await ScratchProject.with(
            """
            services:
              db: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL}
              app:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                depends_on:
                  db: {condition: service_healthy, required: false}
            """
        ) { project in
            let file = project.directory.appendingPathComponent("compose.yaml").path
            let up = try await project.pier("--progress", "plain", "up", "-d")
            #expect(up.status == 0, "\(up.stderr)")
            #expect(
                up.stderr.contains(
                    "Warning \(file):8:11: optional dependency db failed: dependency failed to start: container "
                        + "\(project.name)-db-1 has no healthcheck configured"),
                "\(up.stderr)")
            let running = try await project.docker("inspect", "-f", "{{.State.Running}}", "\(project.name)-app-1")
            #expect(running.stdout == "true\n")
        }
    }

    @Test func aPortInUseNamesTheServiceAndPort() async throws {
        let port = Int.random(in: 20000...40000)
        try await ScratchProject.with(
            """
            services:
              first: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, ports: ["\(port):80"]}
              second: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, ports: ["\(port):80"], depends_on: [first]}
            """
        ) { project in
            let up = try await project.pier("up", "-d")
            #expect(up.status == 1)
            #expect(up.stderr.contains("service \"second\""))
            #expect(up.stderr.contains(":\(port)"))
        }
    }

    @Test func serviceHealthyOnAServiceWithoutHealthcheckFailsAtOnce() async throws {
        try await ScratchProject.with(
            """
            services:
              db: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL}
              app: {image: pier-test/busybox, command: sleep 3600, depends_on: {db: {condition: service_healthy}}}
            """
        ) { project in
            let up = try await project.pier("up", "-d")
            #expect(up.status == 1)
            #expect(up.stderr.contains("has no healthcheck configured"))
        }
    }

    @Test func waitTimeoutEndsTheWait() async throws {
        try await ScratchProject.with(
            """
            services:
              slow:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                healthcheck: {test: ["CMD", "true"], interval: 1h}
            """
        ) { project in
            let started = ContinuousClock.now
            let up = try await project.pier("up", "--wait", "--wait-timeout", "2")
            #expect(up.status == 1)
            #expect(ContinuousClock.now - started < .seconds(30), "the wait did not end at its timeout")
        }
    }

    @Test func restartTrueRestartsTheDependentWhenItsDependencyIsRecreated() async throws {
        let compose = """
            services:
              db: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, labels: [v=LABEL]}
              app:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                depends_on: {db: {condition: service_started, restart: true}}
              other:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                depends_on: [db]
            """
        try await ScratchProject.with(compose.replacingOccurrences(of: "LABEL", with: "1")) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            func startedAt(_ service: String) async throws -> String {
                try await project.docker("inspect", "\(project.name)-\(service)-1", "--format", "{{.State.StartedAt}}")
                    .stdout
            }
            let (app, other) = (try await startedAt("app"), try await startedAt("other"))
            try compose.replacingOccurrences(of: "LABEL", with: "2").write(
                to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let up = try await project.pier("--progress", "plain", "up", "-d")
            #expect(up.status == 0, "\(up.stderr)")
            #expect(try await startedAt("app") != app, "app was not restarted")
            #expect(try await startedAt("other") == other, "other has no restart: true and must keep running")
        }
    }

    @Test func aNameTakenByAnotherContainerIsNamed() async throws {
        try await ScratchProject.with(
            "services: {app: {image: pier-test/busybox, command: sleep 3600, container_name: CONTAINER}}"
                .replacingOccurrences(of: "CONTAINER", with: "piertest-taken-\(UInt32.random(in: 0...UInt32.max))")
        ) { project in
            let name = try String(contentsOf: project.directory.appendingPathComponent("compose.yaml"), encoding: .utf8)
                .components(separatedBy: "container_name: ").last!.components(separatedBy: "}").first!
            #expect(try await project.docker("create", "--name", name, "pier-test/busybox").status == 0)
            await project.onCleanUp { _ = try? await project.docker("rm", "-f", name) }
            let up = try await project.pier("up", "-d")
            #expect(up.status == 1)
            #expect(up.stderr.contains("\"\(name)\" is already in use"))
        }
    }
}
