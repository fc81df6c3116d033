import DockerEngine
import Foundation
import PierTesting
import Testing

/// What is left of a stack once its test ended: nothing, whether the test passed, failed, or its process was killed
/// (then the next stack start sweeps it away).
@Suite struct CleanupTests {
    @Test func aPassingTestLeavesNothing() async throws {
        var name = ""
        var volumes: [String] = []
        try await ComposeStack.withRunning(at: Stack.directory) { stack in
            name = stack.name
            volumes = try await Engine.volumes(of: stack.name)
            let count = try await stack.exec(
                service: "db", ["psql", "-U", "postgres", "-d", "notes", "-tAc", "SELECT 1"])
            #expect(count.stdout == "1\n")
        }
        #expect(volumes.count == 1, "the image's VOLUME gives the container an anonymous volume")
        #expect(try await Engine.leftovers(of: name, volumes: volumes) == [])
    }

    @Test func aFailingTestLeavesNothingAndReportsTheLogs() async throws {
        var name = ""
        var volumes: [String] = []
        var failure: StackFailure?
        await withKnownIssue("the body fails on purpose") {
            do {
                try await ComposeStack.withRunning(at: Stack.directory) { stack in
                    name = stack.name
                    volumes = try await Engine.volumes(of: stack.name)
                    let rows = try await stack.exec(
                        service: "db", ["psql", "-U", "postgres", "-d", "notes", "-tAc", "SELECT count(*) FROM notes"])
                    try #require(rows.stdout == "0\n", "the table is not empty: the test fails")
                }
            } catch let error as StackFailure {
                failure = error
                throw error
            }
        }
        #expect(failure?.logs.map(\.service) == ["db"])
        #expect(failure?.description.contains("database system is ready to accept connections") == true)
        #expect(try await Engine.leftovers(of: name, volumes: volumes) == [])
    }

    @Test func theNextStartSweepsAwayTheStackOfAKilledTestProcess() async throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("killed-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: report) }
        // This test binary again, running only KilledRun, which kills its own process inside a stack's scope.
        let run = try await Command.run(
            CommandLine.arguments[0], ["--testing-library", "swift-testing", "--filter", "KilledRun"],
            environment: ["PIER_EXAMPLE_KILLED_REPORT": report.path])
        #expect(run.reason == .uncaughtSignal && run.status == SIGKILL, "\(run.text)")
        let name = try String(contentsOf: report, encoding: .utf8)
        let volumes = try await Engine.volumes(of: name)
        let left = try await Engine.leftovers(of: name)
        #expect(left.contains("container \(name)-db-1") && left.contains("network \(name)_default"), "\(left)")

        try await ComposeStack.withRunning(at: Stack.directory, wait: .none) { _ in }
        #expect(try await Engine.leftovers(of: name, volumes: volumes) == [])
    }
}

/// Where the killed process writes its stack's name: set only in the child process ``CleanupTests`` starts.
let killedRunReport = ProcessInfo.processInfo.environment["PIER_EXAMPLE_KILLED_REPORT"]

/// The test the killed process runs: it starts a stack, says its name, and dies by SIGKILL, which no cleanup
/// survives.
@Suite(.enabled(if: killedRunReport != nil, "runs in the child process of a CleanupTests test"))
struct KilledRun {
    @Test func startsAStackAndIsKilled() async throws {
        let report = try #require(killedRunReport)
        try await ComposeStack.withRunning(at: Stack.directory) { stack in
            try stack.name.write(toFile: report, atomically: true, encoding: .utf8)
            kill(getpid(), SIGKILL)
        }
    }
}

/// What the engine holds of a stack, seen through Pier's engine client.
enum Engine {
    /// The stack's containers, networks and volumes (by their project label) and those of `volumes` that still
    /// exist, one line each.
    static func leftovers(of stack: String, volumes: [String] = []) async throws -> [String] {
        let engine = try EngineClient.fromEnvironment()
        let project: EngineFilters = ["label": ["com.docker.compose.project=\(stack)"]]
        var left = try await engine.listContainers(all: true, filters: project).map {
            "container \($0.names.first.map { String($0.dropFirst()) } ?? $0.id)"
        }
        left += try await engine.listNetworks(filters: project).map { "network \($0.name)" }
        left += try await engine.listVolumes(filters: project).volumes.map { "volume \($0.name)" }
        for volume in volumes where (try? await engine.inspectVolume(volume)) != nil { left.append("volume \(volume)") }
        return left
    }

    /// The volumes the stack's containers mount.
    static func volumes(of stack: String) async throws -> [String] {
        let engine = try EngineClient.fromEnvironment()
        let containers = try await engine.listContainers(
            all: true, filters: ["label": ["com.docker.compose.project=\(stack)"]])
        return containers.flatMap { container in
            (container.mounts.arrayValue ?? []).compactMap {
                $0["Type"]?.stringValue == "volume" ? $0["Name"]?.stringValue : nil
            }
        }
    }
}
