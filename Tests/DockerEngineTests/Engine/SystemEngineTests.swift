import PierTestSupport
import Testing

@testable import DockerEngine

@Suite(.requiresEngine) struct SystemEngineTests {
    @Test func pingVersionAndInfo() async throws {
        try await EngineFixture.with { fixture in
            let ping = try await fixture.engine.ping()
            let serverVersion = try #require(ping.apiVersion.flatMap(APIVersion.init))
            #expect(serverVersion >= .minimumSupported)
            #expect(ping.osType == "linux")
            let negotiated = try await fixture.engine.apiVersion()
            #expect(negotiated == min(serverVersion, .newestKnown))
            let version = try await fixture.engine.version()
            #expect(version.apiVersion == ping.apiVersion)
            #expect(version.os == "linux")
            let info = try await fixture.engine.info()
            #expect(info.serverVersion?.isEmpty == false)
            #expect(info.raw["ServerVersion"]?.stringValue == info.serverVersion)
        }
    }

    @Test func rawRequestsUseTheNegotiatedPrefix() async throws {
        try await EngineFixture.with { fixture in
            let response = try await fixture.engine.send(EngineRequest(.get, "/version"))
            #expect(response.status == 200)
            #expect(response.header("Content-Type") == "application/json")
            await #expect {
                _ = try await fixture.engine.send(EngineRequest(.get, "/no/such/endpoint"))
            } throws: { error in
                (error as? EngineError)?.code == .notFound
            }
        }
    }
}
