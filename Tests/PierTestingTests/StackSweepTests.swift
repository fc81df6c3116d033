import DockerEngine
import Foundation
import PierTestSupport
import Tar
import Testing

@testable import PierTesting

/// The sweep each stack start runs: what a test process killed before it could remove its stack is found by its
/// labels and removed; stacks of processes that still run are not touched.
@Suite(.requiresEngine, .requiresImage("pier-test/busybox:latest", remedy: "run scripts/engine-start.sh"))
struct StackSweepTests {
    @Test func theNextStackRemovesWhatAGoneProcessLeftAndNothingOfALiveOne() async throws {
        let exited = try await TestSupport.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "echo $$"], in: TestSupport.repositoryRoot,
            environment: TestSupport.baseEnvironment)
        var gone = StackOwner.current
        gone.pid = try #require(Int32(exited.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        let abandoned = "sweepgone" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let live = "sweeplive" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        try await Stacks.withSlot {
            let anonymous = try await leaveBehind(abandoned, owner: gone)
            _ = try await leaveBehind(live, owner: .current)
            #expect(try await Stacks.leftovers(of: abandoned).count == 4)

            try await ComposeStack.withRunning(at: Stacks.busybox, services: ["worker"], wait: .none) { _ in }
            #expect(try await Stacks.leftovers(of: abandoned, volumes: [anonymous]) == [])
            let kept = try await Stacks.leftovers(of: live)
            try await StackRemoval(client: try Stacks.engine).remove(stack: live)
            #expect(kept.count == 4, "\(kept)")
            #expect(try await Stacks.leftovers(of: live) == [])
        }
    }

    /// What a killed process leaves of stack `name`: a running container with an anonymous volume on a network, a
    /// named volume and a built image, labelled as PierTesting labels them; returns the anonymous volume's name.
    private func leaveBehind(_ name: String, owner: StackOwner) async throws -> String {
        let engine = try Stacks.engine
        let labels: [String: String] = [
            "com.docker.compose.project": name, StackLabels.stack: name, StackLabels.owner: owner.label,
        ]
        let labelled = JSONValue.object(labels.mapValues(JSONValue.string))
        _ = try await engine.createNetwork(body: ["Name": .string("\(name)_default"), "Labels": labelled])
        _ = try await engine.createVolume(body: ["Name": .string("\(name)_data"), "Labels": labelled])
        let created = try await engine.createContainer(
            name: "\(name)-app-1",
            body: [
                "Image": "pier-test/busybox", "Cmd": ["sleep", "600"], "Labels": labelled, "Volumes": ["/scratch": [:]],
                "HostConfig": ["NetworkMode": .string("\(name)_default"), "Binds": [.string("\(name)_data:/data")]],
            ])
        try await engine.startContainer(created.id)
        let dockerfile = Array("FROM pier-test/busybox\n".utf8)
        let context = TarArchive([
            (TarHeader(path: "Dockerfile", kind: .file(size: UInt64(dockerfile.count))), dockerfile)
        ])
        var options = BuildOptions()
        options.tags = ["\(name)-app"]
        options.labels = labels
        for try await _ in try await engine.buildImage(
            context: EngineBodyStream(bytes: context.finished), options: options)
        {}
        let mounts = try await engine.inspectContainer(created.id).raw["Mounts"]?.arrayValue ?? []
        return try #require(mounts.first { $0["Destination"]?.stringValue == "/scratch" }?["Name"]?.stringValue)
    }
}
