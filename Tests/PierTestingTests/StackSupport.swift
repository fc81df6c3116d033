import DockerEngine
import Foundation
import PierTestSupport
import PierTesting

/// The stacks of `Tests/Fixtures/stacks`, and what the engine still holds of a stack.
enum Stacks {
    static let busybox = TestSupport.fixtures.appendingPathComponent("stacks/busybox")
    static let scaled = TestSupport.fixtures.appendingPathComponent("stacks/scaled")

    static var engine: EngineClient {
        get throws { try EngineClient.fromEnvironment() }
    }

    /// Runs `body` in one of the engine slots (each stack makes a network, from the engine's few address pools).
    static func withSlot<Result>(_ body: () async throws -> Result) async throws -> Result {
        try await EngineSlots.shared.withSlot(body)
    }

    /// What is left of stack `name`: its containers, networks and volumes (by their project label), the images it
    /// built (by its stack label) and those of `volumes` that still exist, one line each; empty once it is removed.
    static func leftovers(of name: String, volumes: [String] = []) async throws -> [String] {
        let engine = try engine
        let project: EngineFilters = ["label": ["com.docker.compose.project=\(name)"]]
        var left = try await engine.listContainers(all: true, filters: project).map { "container \($0.names)" }
        left += try await engine.listNetworks(filters: project).map { "network \($0.name)" }
        left += try await engine.listVolumes(filters: project).volumes.map { "volume \($0.name)" }
        left += try await engine.listImages(filters: ["label": ["pier.testing.stack=\(name)"]]).map {
            "image \($0.repoTags)"
        }
        for volume in volumes where (try? await engine.inspectVolume(volume)) != nil { left.append("volume \(volume)") }
        return left
    }

    /// The anonymous volumes of a container of the stack (those the engine named, not the project).
    static func anonymousVolumes(of stack: ComposeStack, service: String) async throws -> [String] {
        let engine = try engine
        let containers = try await engine.listContainers(
            all: true,
            filters: ["label": ["com.docker.compose.project=\(stack.name)", "com.docker.compose.service=\(service)"]])
        return containers.flatMap { container in
            (container.mounts.arrayValue ?? []).compactMap { mount -> String? in
                guard mount["Type"]?.stringValue == "volume", let name = mount["Name"]?.stringValue,
                    !name.hasPrefix(stack.name + "_")
                else { return nil }
                return name
            }
        }
    }
}

/// An error a test body throws on purpose.
struct Deliberate: Error, CustomStringConvertible {
    var description: String { "deliberate failure" }
}
