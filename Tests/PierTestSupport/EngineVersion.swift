import DockerEngine

extension TestSupport {
    /// The API version of the engine the tests talk to (the one ``Requirement/requiresEngine`` probed): 1.41 for
    /// Engine 20.10, 1.45 for 26.1. Tests of attributes that need a newer API expect their behaviour from engines that
    /// have it, and the located error from older ones.
    package static func engineAPIVersion() async throws -> APIVersion {
        guard let version = await EngineVersionProbe.apiVersion.value else {
            throw TestSetupError(
                "the engine (DOCKER_HOST, the docker context or /var/run/docker.sock) did not report "
                    + "its API version: run scripts/engine-start.sh")
        }
        return version
    }

    /// Whether the engine speaks API `version` or later.
    package static func engineSpeaks(_ version: APIVersion) async throws -> Bool {
        try await engineAPIVersion() >= version
    }
}

/// The engine's own API version, from `/_ping`, asked once.
private enum EngineVersionProbe {
    static let apiVersion = Task<APIVersion?, Never> {
        guard let client = try? EngineClient.fromEnvironment(), let ping = try? await client.ping() else { return nil }
        return ping.apiVersion.flatMap { APIVersion($0) }
    }
}
