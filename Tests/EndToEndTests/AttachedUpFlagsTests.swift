import Foundation
import PierTestSupport
import Testing

/// Attached `up`'s flags that decide whose output shows and how it ends: `--attach-dependencies`, `--menu`.
@Suite(.requiresEngine)
struct AttachedUpFlagsTests {
    static let stack = """
        services:
          db: {image: pier-test/busybox:latest, command: sh -c 'echo from-db; sleep 3600', stop_signal: SIGKILL}
          web:
            image: pier-test/busybox:latest
            command: sh -c 'sleep 2; echo from-web'
            depends_on: [db]
        """

    @Test func attachDependenciesShowsWhatTheNamedServicesDependOn() async throws {
        try await ScratchProject.with(Self.stack) { project in
            let alone = try await project.pier("up", "--exit-code-from", "web", "web")
            #expect(alone.status == 0, "\(alone.stderr)")
            #expect(alone.stdout.contains("from-web"))
            #expect(!alone.stdout.contains("from-db"))
            let with = try await project.pier("up", "--attach-dependencies", "--exit-code-from", "web", "web")
            #expect(with.status == 0, "\(with.stderr)")
            #expect(with.stdout.contains("from-db") && with.stdout.contains("from-web"))
            let refused = try await project.pier("up", "--attach", "web", "--attach-dependencies")
            #expect(refused.status == 1)
            #expect(refused.stderr.hasPrefix("Error: cannot combine --attach and --attach-dependencies"))
        }
    }

    /// On a terminal, `--menu` shows its key and `d` detaches: Pier returns, the containers keep running.
    @Test func theMenuDetaches() async throws {
        try await ScratchProject.with(Self.stack) { project in
            let command = "\"$PIER\" up --menu db"
            let result = try await TestSupport.run(
                URL(fileURLWithPath: "/bin/sh"),
                ["-c", "(sleep 4; printf d; sleep 8) | script -qec '\(command); echo status=$?' /dev/null"],
                in: project.directory,
                environment: project.environment.merging(["PIER": TestSupport.pierBinary.path]) { $1 })
            #expect(result.stdout.contains("Detach"), "\(result.stdout)")
            #expect(result.stdout.contains("status=0"), "\(result.stdout)")
            #expect(!result.stdout.contains("exited with code"), "a detach is no exit: \(result.stdout)")
            let running = try await project.pier("ps", "--format", "{{.Name}} {{.State}}")
            #expect(running.stdout == "\(project.name)-db-1 running\n")
            // Turned off by COMPOSE_EXPERIMENTAL=false: the same line shows no menu.
            let off = try await TestSupport.run(
                URL(fileURLWithPath: "/bin/sh"),
                ["-c", "(sleep 4; printf d) | script -qec 'timeout -s INT 6 \(command)' /dev/null"],
                in: project.directory,
                environment: project.environment.merging([
                    "PIER": TestSupport.pierBinary.path, "COMPOSE_EXPERIMENTAL": "false",
                ]) { $1 })
            #expect(!off.stdout.contains("Detach"), "\(off.stdout)")
        }
    }
}

extension AttachedUpFlagsTests {
    /// The menu's `w` turns watching on (a changed file is synced) and off (a changed file is not), saying so, on the
    /// `watch/syncing` fixture; on a project without `develop.watch` it says what Compose says.
    @Test func theMenuTurnsWatchingOnAndOff() async throws {
        try await ScratchProject.with(fixture: "watch/syncing") { project in
            // Each key waits for what the previous one should have shown (script writes the screen to `screen`),
            // for at most a minute.
            func after(_ text: String) -> String {
                "n=0; until grep -q '\(text)' screen 2>/dev/null || [ $n -ge 300 ]; do sleep 0.2; n=$((n+1)); done; "
            }
            let keys =
                after("Enable Watch") + "printf w; " + after("Watch enabled") + "echo on > app/on.txt; "
                + after("Syncing service") + "sleep 1; printf w; " + after("Watch disabled")
                + "echo off > app/off.txt; sleep 2; printf d; sleep 3"
            let result = try await TestSupport.run(
                URL(fileURLWithPath: "/bin/sh"),
                ["-c", "(\(keys)) | script -qfec '\"$PIER\" up --menu; echo status=$?' screen"],
                in: project.directory,
                environment: project.environment.merging(["PIER": TestSupport.pierBinary.path]) { $1 })
            #expect(result.stdout.contains("Enable Watch") && result.stdout.contains("Disable Watch"))
            #expect(result.stdout.contains("Watch enabled") && result.stdout.contains("Watch disabled"))
            #expect(result.stdout.contains("status=0"), "\(result.stdout)")
            let files = try await project.pier("exec", "-T", "web", "ls", "/app")
            #expect(files.stdout == "on.txt\n", "\(result.stdout)")
        }
        try await ScratchProject.with(Self.stack) { project in
            let result = try await TestSupport.run(
                URL(fileURLWithPath: "/bin/sh"),
                [
                    "-c",
                    "(sleep 4; printf w; sleep 1; printf d; sleep 3) | script -qec '\"$PIER\" up --menu db' /dev/null",
                ],
                in: project.directory,
                environment: project.environment.merging(["PIER": TestSupport.pierBinary.path]) { $1 })
            #expect(
                result.stdout.contains("watch is not yet configured. Learn more: ")
                    && result.stdout.contains("https://docs.docker.com/compose/file-watch/"),
                "\(result.stdout)")
        }
    }
}

/// `up --quiet-build`: the build's own output is not shown, only its start and end.
@Suite(.requiresEngine)
struct QuietBuildTests {
    @Test func quietBuildHidesTheBuildOutput() async throws {
        let stack = "services:\n  web: {build: ., command: \"true\"}\n"
        // Each build runs a step of its own: a cached step shows no progress, with the flag or without.
        func dockerfile(_ marker: String) -> String { "FROM pier-test/busybox:latest\nRUN echo \(marker)\n" }
        try await ScratchProject.with(stack) { project in
            let path = project.directory.appendingPathComponent("Dockerfile")
            try dockerfile("quiet-marker-\(project.name)").write(to: path, atomically: true, encoding: .utf8)
            let quiet = try await project.pier("--progress", "plain", "up", "-d", "--build", "--quiet-build")
            #expect(quiet.status == 0, "\(quiet.stderr)")
            #expect(quiet.stderr.contains("Service web  Built"))
            #expect(!(quiet.stdout + quiet.stderr).contains("quiet-marker"))
            try dockerfile("building-marker-\(project.name)").write(to: path, atomically: true, encoding: .utf8)
            let loud = try await project.pier("--progress", "plain", "up", "-d", "--build")
            // The build's steps (BuildKit's, or the classic builder's output) show without the flag.
            #expect((loud.stdout + loud.stderr).contains("building-marker"), "\(loud.stderr)")
        }
    }
}
