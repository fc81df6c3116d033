import Foundation
import PierTestSupport
import Testing

/// The lifecycle flags and commands Compose has beside the common ones (`scale`, `down SERVICE`, `restart
/// --no-deps`, `up --abort-on-container-failure`, `up -y`, `run -q`, `--compatibility`, the orphan variables), each
/// checked for what the reference does on the same stack.
@Suite(.requiresEngine)
struct LifecycleFlagsTests {
    static let stack = """
        services:
          web:
            image: pier-test/busybox:latest
            command: sleep 3600
            stop_signal: SIGKILL
            depends_on:
              db: {condition: service_started, restart: true}
            volumes: [data:/data]
          db:
            image: pier-test/busybox:latest
            command: sleep 3600
            stop_signal: SIGKILL
        volumes:
          data: {}
        """

    static func names(_ project: ScratchProject, all: Bool = true) async throws -> [String] {
        let ps = try await project.pier(["ps", "--format", "{{.Name}}"] + (all ? ["-a"] : []))
        return ps.stdout.split(separator: "\n").map(String.init).sorted()
    }

    static func startedAt(_ project: ScratchProject, _ container: String) async throws -> String {
        try await project.docker("inspect", "--format", "{{.State.StartedAt}}", container).stdout
    }

    @Test func scaleChangesTheReplicasAndRecreatesWhatChanged() async throws {
        try await ScratchProject.with(Self.stack) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            let db = "\(project.name)-db-1"
            let started = try await Self.startedAt(project, db)
            let scale = try await project.pier("scale", "db=2")
            #expect(scale.status == 0, "\(scale.stderr)")
            #expect(scale.stderr.contains(" Container \(db)  Running"))
            #expect(try await Self.names(project) == [db, "\(project.name)-db-2", "\(project.name)-web-1"])
            // Running containers are kept as they are.
            #expect(try await Self.startedAt(project, db) == started)
            #expect(try await project.pier("scale", "db=1", "web=0").status == 0)
            #expect(try await Self.names(project) == [db])
            // A container whose configuration changed is recreated, as the reference's `scale` does.
            try Self.stack.replacingOccurrences(
                of: "command: sleep 3600\n    stop_signal", with: "command: sleep 3601\n    stop_signal"
            )
            .write(to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let changed = try await project.pier("scale", "db=2")
            #expect(changed.status == 0, "\(changed.stderr)")
            #expect(changed.stderr.contains(" Container \(db)  Recreated"), "\(changed.stderr)")
        }
    }

    @Test func scaleRefusesWhatTheReferenceRefuses() async throws {
        try await ScratchProject.with(Self.stack) { project in
            for arguments in [["scale"], ["scale", "web"], ["scale", "web=x"]] {
                let pier = try await project.pier(arguments)
                #expect(pier.status == 1)
                if await TestSupport.referenceCompose != nil {
                    #expect(pier.stderr == (try await project.reference(arguments)).stderr)
                }
            }
        }
    }

    /// `down SERVICE` removes the service and those that depend on it, and what they use that nothing else
    /// uses (a network still in use stays).
    @Test func downWithServicesRemovesThemAndTheirDependents() async throws {
        try await ScratchProject.with(Self.stack) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            let down = try await project.pier("down", "-v", "web")
            #expect(down.status == 0, "\(down.stderr)")
            #expect(try await Self.names(project) == ["\(project.name)-db-1"])
            let volumes = try await project.docker("volume", "ls", "-q", "--filter", "name=\(project.name)_data")
            #expect(volumes.stdout.isEmpty)
            let networks = try await project.docker("network", "ls", "-q", "--filter", "name=\(project.name)_default")
            #expect(!networks.stdout.isEmpty)
            // db's dependents go with it.
            #expect(try await project.pier("up", "-d").status == 0)
            #expect(try await project.pier("down", "db").status == 0)
            #expect(try await Self.names(project) == [])
        }
    }

    /// `restart db` restarts web too, which depends on db with `restart: true`; `--no-deps` only db.
    @Test func restartFollowsDependentsUnlessNoDeps() async throws {
        try await ScratchProject.with(Self.stack) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            let web = "\(project.name)-web-1"
            let started = try await Self.startedAt(project, web)
            #expect(try await project.pier("restart", "-t0", "--no-deps", "db").status == 0)
            #expect(try await Self.startedAt(project, web) == started)
            #expect(try await project.pier("restart", "-t0", "db").status == 0)
            #expect(try await Self.startedAt(project, web) != started)
        }
    }

    @Test func abortOnContainerFailureEndsWithTheFailure() async throws {
        let stack = """
            services:
              ok: {image: pier-test/busybox:latest, command: "true"}
              failing: {image: pier-test/busybox:latest, command: sh -c 'sleep 1; exit 3'}
              waiting: {image: pier-test/busybox:latest, command: sleep 3600, stop_signal: SIGKILL}
            """
        try await ScratchProject.with(stack) { project in
            let up = try await project.pier("up", "--abort-on-container-failure")
            #expect(up.status == 3, "\(up.stderr)")
            #expect(up.stdout.contains("ok-1 exited with code 0"))
            #expect(up.stderr.contains("Aborting on container exit..."))
            #expect(try await project.pier("ps", "-q").stdout.isEmpty)
            let refused = try await project.pier("up", "-d", "--abort-on-container-failure")
            #expect(refused.status == 1)
        }
    }

    /// A volume whose configuration changed is recreated with `-y`; without it (and nobody to say yes), kept.
    @Test func yesRecreatesAChangedVolume() async throws {
        let stack = { (label: String) in
            """
            services:
              web: {image: pier-test/busybox:latest, command: sleep 3600, stop_signal: SIGKILL, volumes: [data:/data]}
            volumes:
              data:
                labels: {release: "\(label)"}
            """
        }
        try await ScratchProject.with(stack("1")) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            try stack("2").write(
                to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let label = ["volume", "inspect", "--format", "{{index .Labels \"release\"}}", "\(project.name)_data"]
            let kept = try await project.pier("up", "-d")
            #expect(kept.status == 0)
            #expect(
                kept.stdout
                    == "Volume \"\(project.name)_data\" exists but doesn't match configuration in compose file. "
                    + "Recreate (data will be lost)?")
            #expect(try await project.docker(label).stdout == "1\n")
            let recreated = try await project.pier("up", "-d", "-y")
            #expect(recreated.status == 0, "\(recreated.stderr)")
            #expect(try await project.docker(label).stdout == "2\n")
            #expect(try await Self.names(project, all: false) == ["\(project.name)-web-1"])
        }
    }

    @Test func runQuietPrintsOnlyTheContainersOutput() async throws {
        try await ScratchProject.with(Self.stack) { project in
            let run = try await project.pier("run", "-q", "--rm", "db", "echo", "hello")
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout == "hello\n")
            #expect(run.stderr.isEmpty)
            // -i=false: no standard input for the container.
            let noInput = try await project.pier(
                ["run", "-T", "-i=false", "--rm", "db", "sh", "-c", "cat; echo done"], stdin: Data("input\n".utf8))
            #expect(noInput.stdout.hasSuffix("done\n") && !noInput.stdout.contains("input"))
        }
    }

    /// `--compatibility` names containers as Compose v1 did.
    @Test func compatibilityNamesWithUnderscores() async throws {
        try await ScratchProject.with(Self.stack) { project in
            #expect(try await project.pier("--compatibility", "up", "-d", "db").status == 0)
            let names = try await project.docker(
                "ps", "-a", "--filter", "name=\(project.name)", "--format", "{{.Names}}")
            #expect(names.stdout == "\(project.name)_db_1\n")
            #expect(try await project.pier("--compatibility", "down").status == 0)
        }
    }

    /// `COMPOSE_REMOVE_ORPHANS` removes orphans, `COMPOSE_IGNORE_ORPHANS` silences the warning, and
    /// `COMPOSE_STATUS_STDOUT` puts progress on standard output.
    @Test func orphanAndStatusVariables() async throws {
        try await ScratchProject.with(Self.stack) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            let onlyDB =
                "services:\n  db: {image: pier-test/busybox:latest, command: sleep 3600, stop_signal: SIGKILL}\n"
            try onlyDB.write(
                to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let warned = try await project.pier("up", "-d")
            #expect(warned.stderr.contains("Found orphan containers"))
            let ignored = try await project.pier(["up", "-d"], environment: ["COMPOSE_IGNORE_ORPHANS": "true"])
            #expect(!ignored.stderr.contains("orphan"))
            let refused = try await project.pier(
                ["up", "-d", "--remove-orphans"], environment: ["COMPOSE_IGNORE_ORPHANS": "true"])
            #expect(refused.stderr == "cannot combine COMPOSE_IGNORE_ORPHANS and --remove-orphans\n")
            let removed = try await project.pier(
                ["--progress", "plain", "up", "-d"],
                environment: ["COMPOSE_REMOVE_ORPHANS": "1", "COMPOSE_STATUS_STDOUT": "1"])
            #expect(removed.status == 0)
            #expect(removed.stdout.contains("Container \(project.name)-web-1  Removed"))
            #expect(try await Self.names(project) == ["\(project.name)-db-1"])
        }
    }
}
