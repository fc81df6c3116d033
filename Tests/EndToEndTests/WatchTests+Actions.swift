import Foundation
import PierTestSupport
import Testing

/// `sync+exec`, `initial_sync`, `.dockerignore`, a burst of files, a source two services share, and a build that
/// fails, then succeeds.
extension WatchTests {
    @Test func syncExecInitialSyncDockerignoreAndABurst() async throws {
        try await ScratchProject.with(fixture: "watch/sync-exec") { project in
            let built = try await project.pier("up", "-d", "--build")
            #expect(built.status == 0, "\(built.stderr)")
            // Written after the image was built: `initial_sync` carries it.
            try await Task.sleep(for: .seconds(1))
            let src = project.directory.appendingPathComponent("src")
            try "late\n".write(to: src.appendingPathComponent("late"), atomically: true, encoding: .utf8)
            try await project.launch(["watch", "--no-up"]) { watch in
                #expect(await watch.waitForOutput(containing: "Watch enabled", seconds: 60).contains("Watch enabled"))
                #expect(try await Self.eventually(project, ["cat", "/src/late"]) == "late\n")
                try "s\n".write(to: src.appendingPathComponent("secret"), atomically: false, encoding: .utf8)
                for index in 0..<1000 {
                    try "\(index)\n".write(
                        to: src.appendingPathComponent("f\(index)"), atomically: false, encoding: .utf8)
                }
                // The command ran after the burst's sync: it counts every file.
                let count = try await Self.eventually(project, ["sh", "-c", "grep -x ' *1002' /tmp/count"])
                #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "1002")
                let secret = try await project.pier("exec", "-T", "web", "test", "-e", "/src/secret")
                #expect(secret.status != 0, "a file .dockerignore excludes was synced")
                let output = await watch.waitForOutput(containing: "1000 changes", seconds: 5)
                #expect(output.contains("Syncing service \"web\" after 1000 changes were detected"), "\(output)")
                watch.send(SIGINT)
                await watch.waitForExit(seconds: 10)
            }
        }
    }

    @Test func aSharedSourceIsBuiltOnceAndAFailedBuildKeepsTheContainer() async throws {
        try await ScratchProject.with(fixture: "watch/shared-source") { project in
            try await project.launch(["watch"]) { watch in
                #expect(await watch.waitForOutput(containing: "Watch enabled", seconds: 120).contains("Watch enabled"))
                let src = project.directory.appendingPathComponent("src")
                try "x\n".write(to: src.appendingPathComponent("broken"), atomically: true, encoding: .utf8)
                let failed = await watch.waitForOutput(containing: "Rebuilding", seconds: 60)
                #expect(failed.contains("Rebuilding service(s) [\"a\" \"b\"] after changes were detected..."))
                try await Task.sleep(for: .seconds(3))
                #expect(try await Self.eventually(project, ["cat", "/src/v"], service: "a") == "1\n")
                try FileManager.default.removeItem(at: src.appendingPathComponent("broken"))
                try "2\n".write(to: src.appendingPathComponent("v"), atomically: true, encoding: .utf8)
                let output = await watch.waitForOutput(containing: "successfully built", seconds: 120)
                #expect(output.contains("service(s) [\"a\" \"b\"] successfully built"))
                for service in ["a", "b"] {
                    #expect(try await Self.eventually(project, ["cat", "/src/v"], service: service) == "2\n")
                }
                watch.send(SIGINT)
                await watch.waitForExit(seconds: 10)
            }
            let images = try await project.pier("images", "--quiet")
            let ids = Set(images.stdout.split(separator: "\n"))
            #expect(ids.count == 1, "the two services do not share one image: \(images.stdout)")
        }
    }
}
