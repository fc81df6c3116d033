import Testing

@testable import DockerEngine

@Suite struct APIVersionTests {
    @Test(arguments: [("1.41", APIVersion(1, 41)), ("v1.47", APIVersion(1, 47)), (" 1.9 ", APIVersion(1, 9))])
    func parses(text: String, expected: APIVersion) {
        #expect(APIVersion(text) == expected)
    }

    @Test(arguments: ["", "1", "1.", "1.x", "a.b", "1.2.3", "-1.2"])
    func rejects(text: String) {
        #expect(APIVersion(text) == nil)
    }

    @Test func ordersNumerically() {
        #expect(APIVersion(1, 9) < APIVersion(1, 41))
        #expect(APIVersion(1, 41) < APIVersion(2, 0))
    }

    @Test(arguments: [
        (APIVersion(1, 41), APIVersion(1, 41)), (APIVersion(1, 44), APIVersion(1, 44)),
        (APIVersion(1, 47), APIVersion(1, 47)), (APIVersion(1, 51), APIVersion(1, 47)),
        (APIVersion(2, 0), APIVersion(1, 47)),
    ])
    func negotiatesTheLowerOfServerAndNewestKnown(server: APIVersion, expected: APIVersion) throws {
        #expect(try APIVersion.negotiate(server: server) == expected)
    }

    @Test func refusesEnginesOlderThan141() {
        #expect {
            try APIVersion.negotiate(server: APIVersion(1, 40))
        } throws: { error in
            (error as? EngineError)?.code == .unsupportedVersion && "\(error)".contains("1.40")
                && "\(error)".contains("1.41")
        }
    }

    @Test func pathPrefix() {
        #expect(APIVersion(1, 41).pathPrefix == "/v1.41")
    }

    @Test func dockerAPIVersionPinsOrIsRejected() throws {
        let pinned = try EngineClient.fromEnvironment(["DOCKER_API_VERSION": "1.43", "DOCKER_HOST": "unix:///x.sock"])
        #expect(pinned.endpoint.address == .unixSocket(path: "/x.sock"))
        #expect(throws: EngineError.self) { try EngineClient.fromEnvironment(["DOCKER_API_VERSION": "1.30"]) }
        #expect(throws: EngineError.self) { try EngineClient.fromEnvironment(["DOCKER_API_VERSION": "new"]) }
    }

    @Test func pinnedVersionIsUsedWithoutAskingTheEngine() async throws {
        // Nothing listens at this path: a request that asked the engine would fail.
        let client = try EngineClient(
            endpoint: .init(address: .unixSocket(path: "/nonexistent/pier.sock")), apiVersion: APIVersion(1, 43))
        #expect(try await client.apiVersion() == APIVersion(1, 43))
    }
}
