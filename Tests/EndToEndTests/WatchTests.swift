import Foundation
import PierTestSupport
import Testing

/// `pier watch` and `up --watch` against the engine, on the stacks of `Tests/Fixtures/watch`: files written on the
/// host arrive in the container (seen through `pier exec`), deletions and ignore rules are honoured, and a rebuild
/// replaces the image.
@Suite(.requiresEngine)
struct WatchTests {
    @Test func syncCopiesDeletesAndIgnores() async throws {
        try await ScratchProject.with(fixture: "watch/syncing") { project in
            let app = project.directory.appendingPathComponent("app")
            try await project.launch(["watch"]) { watch in
                #expect(await watch.waitForOutput(containing: "Watch enabled", seconds: 60).contains("Watch enabled"))
                try "one\n".write(to: app.appendingPathComponent("new.txt"), atomically: false, encoding: .utf8)
                try FileManager.default.createDirectory(
                    at: app.appendingPathComponent("deep/er"), withIntermediateDirectories: true)
                try "two\n".write(to: app.appendingPathComponent("deep/er/f.txt"), atomically: true, encoding: .utf8)
                try "no\n".write(to: app.appendingPathComponent("skip.tmp"), atomically: false, encoding: .utf8)
                #expect(
                    try await Self.eventually(project, ["cat", "/app/new.txt", "/app/deep/er/f.txt"]) == "one\ntwo\n")
                let listing = try await project.pier("exec", "-T", "web", "ls", "/app")
                #expect(!listing.stdout.contains("skip.tmp"), "an ignored file was synced")
                #expect(
                    !listing.stdout.contains("seed.txt"), "a file older than the watch was synced without initial_sync")

                try FileManager.default.removeItem(at: app.appendingPathComponent("new.txt"))
                #expect(
                    try await Self.eventually(project, ["sh", "-c", "test -e /app/new.txt || echo gone"]) == "gone\n")

                try "restart\n".write(
                    to: project.directory.appendingPathComponent("conf/c.ini"), atomically: true, encoding: .utf8)
                let output = await watch.waitForOutput(containing: "restarted", seconds: 30)
                #expect(output.contains("service(s) [\"web\"] restarted"))
                #expect(output.contains("Syncing service \"web\" after 1 changes were detected"))
                #expect(try await Self.eventually(project, ["cat", "/conf/c.ini"]) == "restart\n")
                watch.send(SIGINT)
                #expect(await watch.waitForExit(seconds: 10), "watch did not stop on Ctrl+C")
            }
            // Ctrl+C stops the watch, not the containers.
            let running = try await project.pier("ps", "--format", "{{.State}}")
            #expect(running.stdout == "running\n")
        }
    }

    @Test func rebuildReplacesTheImageAndTheContainer() async throws {
        try await ScratchProject.with(fixture: "watch/rebuild") { project in
            try await project.launch(["watch", "--quiet"]) { watch in
                #expect(await watch.waitForOutput(containing: "Watch enabled", seconds: 120).contains("Watch enabled"))
                #expect(try await Self.eventually(project, ["cat", "/src/v"], service: "api") == "1\n")
                try "2\n".write(
                    to: project.directory.appendingPathComponent("src/v"), atomically: true, encoding: .utf8)
                let output = await watch.waitForOutput(containing: "successfully built", seconds: 120)
                #expect(output.contains("Rebuilding service(s) [\"api\"] after changes were detected..."))
                #expect(output.contains("service(s) [\"api\"] successfully built"))
                #expect(try await Self.eventually(project, ["cat", "/src/v"], service: "api") == "2\n")
                watch.send(SIGINT)
                await watch.waitForExit(seconds: 10)
            }
        }
    }

    @Test func upWatchSyncsWhileFollowingTheOutput() async throws {
        try await ScratchProject.with(fixture: "watch/syncing") { project in
            try await project.launch(["up", "--watch", "--timeout", "0"]) { up in
                #expect(await up.waitForOutput(containing: "Watch enabled", seconds: 60).contains("Watch enabled"))
                try "up\n".write(
                    to: project.directory.appendingPathComponent("app/u.txt"), atomically: true, encoding: .utf8)
                #expect(try await Self.eventually(project, ["cat", "/app/u.txt"]) == "up\n")
                up.send(SIGINT)
                #expect(await up.waitForExit(seconds: 20), "up --watch did not stop on Ctrl+C")
            }
        }
    }

    @Test func aContainerReplacedByHandWhileWatchingStillGetsTheFiles() async throws {
        try await ScratchProject.with(fixture: "watch/syncing") { project in
            try await project.launch(["watch"]) { watch in
                #expect(await watch.waitForOutput(containing: "Watch enabled", seconds: 60).contains("Watch enabled"))
                let recreated = try await project.pier("up", "-d", "--force-recreate")
                #expect(recreated.status == 0, "\(recreated.stderr)")
                try "after\n".write(
                    to: project.directory.appendingPathComponent("app/a.txt"), atomically: true, encoding: .utf8)
                #expect(try await Self.eventually(project, ["cat", "/app/a.txt"]) == "after\n")
                watch.send(SIGINT)
                await watch.waitForExit(seconds: 10)
            }
        }
    }

    /// What `pier exec` prints for `command` once it succeeds, trying for up to 20 seconds.
    static func eventually(_ project: ScratchProject, _ command: [String], service: String = "web") async throws
        -> String
    {
        let deadline = ContinuousClock.now + .seconds(20)
        var last = ""
        while ContinuousClock.now < deadline {
            let result = try await project.pier(["exec", "-T", service] + command)
            if result.status == 0, !result.stdout.isEmpty { return result.stdout }
            last = result.stdout + result.stderr
            try await Task.sleep(for: .milliseconds(100))
        }
        return "never: \(last)"
    }
}
