import DockerEngine
import Foundation
import Testing

extension Trait where Self == Requirement {
    /// PyPI's `kubernetes-validate` on `PATH`, which validates manifests offline against Kubernetes' schemas.
    package static var requiresKubernetesValidate: Self {
        Requirement(
            missing: "kubernetes-validate is not installed", remedy: "run scripts/kubernetes-validate-install.sh",
            isMet: { await KubernetesValidate.isInstalled.value })
    }

    /// The three-node Swarm of `scripts/swarm-start.sh`, its manager at ``SwarmCluster/manager``.
    package static var requiresSwarm: Self {
        Requirement(
            missing: "no Swarm manager answers on \(SwarmCluster.manager)", remedy: "run scripts/swarm-start.sh",
            isMet: { await SwarmCluster.isReady.value })
    }
}

/// `kubernetes-validate`, run on manifests Pier wrote.
package enum KubernetesValidate {
    /// The Kubernetes versions every manifest is validated against: the three newest the tool bundles.
    package static let versions = ["1.35.0", "1.36.0", "1.37.0"]

    static let isInstalled = Task<Bool, Never> { await Probe.succeeds(["kubernetes-validate", "--version"]) }

    /// Validates the YAML files in `directory` strictly against each of ``versions``; returns the failures (empty
    /// when every object of every file validates).
    package static func failures(in files: [URL]) async throws -> [String] {
        var failures: [String] = []
        for version in versions {
            let result = try await TestSupport.run(
                URL(fileURLWithPath: "/usr/bin/env"),
                ["kubernetes-validate", "--strict", "--quiet", "-k", version] + files.map(\.path),
                in: TestSupport.repositoryRoot, environment: TestSupport.baseEnvironment)
            if result.status != 0 { failures.append("Kubernetes \(version):\n\(result.stdout)\(result.stderr)") }
        }
        return failures
    }
}

/// The three-node Swarm the Swarm tests deploy to (`scripts/swarm-start.sh`): one manager, two workers.
package enum SwarmCluster {
    /// The manager's address: `PIER_SWARM_MANAGER`, else the script's socket.
    package static let manager =
        ProcessInfo.processInfo.environment["PIER_SWARM_MANAGER"] ?? "unix:///run/pier-swarm-1/docker.sock"

    /// The docker CLI the interop tests run (Debian's `docker.io`).
    package static let dockerCLI = URL(fileURLWithPath: "/usr/bin/docker")

    /// The socket of node `number` (1 is the manager).
    package static func node(_ number: Int) -> String { "unix:///run/pier-swarm-\(number)/docker.sock" }

    /// The environment of a command that talks to the manager.
    package static var environment: [String: String] {
        var environment = TestSupport.baseEnvironment
        environment["DOCKER_HOST"] = manager
        environment["DOCKER_CONTEXT"] = nil
        return environment
    }

    static let isReady = Task<Bool, Never> {
        guard let client = try? EngineClient.fromEnvironment(["DOCKER_HOST": manager]),
            let info = try? await client.info()
        else { return false }
        return info.raw["Swarm"]?["ControlAvailable"] == .bool(true)
    }
}
