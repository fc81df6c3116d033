import DockerEngine
import PierTestSupport
import Testing

@testable import Orchestration

/// `down`'s network removal against the fake engine: endpoints the engine left for containers that are gone are
/// released, and a network a container still uses stays untouched.
@Suite struct DownFakeEngineTests {
    static let compose = """
        services:
          web: {image: pier-test/busybox}
        """

    @Test func endpointsLeftForRemovedContainersAreReleasedAndTheNetworkGoes() async throws {
        try await FakeEngine.with { engine in
            let progress = try await UpFakeEngineTests.withRuntime(Self.compose, on: engine) { runtime in
                try await runtime.up(UpOptions())
                engine.leaveStaleEndpoint("proj-web-0", on: "proj_default")
                try await runtime.down(DownOptions())
            }
            #expect(
                Array(engine.journal.suffix(2)) == [
                    "disconnect proj-web-0 proj_default", "remove network proj_default",
                ],
                "\(engine.journal)")
            #expect(progress.contains(.done("Network proj_default", "Removed")))
        }
    }

    @Test func aNetworkAnotherContainerUsesStaysAsItIs() async throws {
        try await FakeEngine.with { engine in
            let progress = try await UpFakeEngineTests.withRuntime(Self.compose, on: engine) { runtime in
                try await runtime.up(UpOptions())
                _ = try await engine.client.createContainer(
                    name: "outsider",
                    body: [
                        "Image": "pier-test/busybox",
                        "NetworkingConfig": ["EndpointsConfig": ["proj_default": [:]]],
                    ])
                engine.leaveStaleEndpoint("proj-web-0", on: "proj_default")
                try await runtime.down(DownOptions())
            }
            #expect(!engine.journal.contains { $0.hasPrefix("disconnect") || $0.hasPrefix("remove network") })
            #expect(
                progress.contains(
                    ProgressEvent(resource: "Network proj_default", text: "Resource is still in use", status: .warning))
            )
        }
    }

    /// An endpoint the engine counts but lists nowhere cannot be released: the network stays, and the warning says
    /// why and what clears it.
    @Test func aNetworkWithAnEndpointNothingHoldsStaysWithWhyAndWhatClearsIt() async throws {
        try await FakeEngine.with { engine in
            let progress = try await UpFakeEngineTests.withRuntime(Self.compose, on: engine) { runtime in
                try await runtime.up(UpOptions())
                engine.leavePhantomEndpoint(on: "proj_default")
                try await runtime.down(DownOptions())
            }
            #expect(!engine.journal.contains("remove network proj_default"))
            let warning = progress.first { $0.resource == "Network proj_default" && $0.status == .warning }
            #expect(warning?.detail?.contains("until the engine restarts") == true, "\(progress)")
        }
    }
}
