import Foundation
import PierTestSupport
import Testing

@testable import DockerEngine

/// `X-Registry-Auth` as the engine reads it: a fake registry on 127.0.0.1 that wants HTTP basic credentials
/// sees the user and password Pier sent, and refuses a pull without them.
@Suite(.requiresEngine) struct RegistryAuthEngineTests {
    static let user = "alice"
    static let password = "s3cret+/?>"

    /// Runs `body` with the registry, then shuts it down.
    static func withRegistry(_ body: (TestHTTPServer) async throws -> Void) async throws {
        let expected = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        try await TestHTTPServer.with(
            route: { request in
                let headers = [
                    ("Content-Type", "application/json"), ("Docker-Distribution-API-Version", "registry/2.0"),
                ]
                guard request.head.headers["Authorization"].first == expected else {
                    let body = #"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":{}}]}"#
                    return .full(
                        status: .unauthorized, headers: headers + [("WWW-Authenticate", #"Basic realm="pier-test""#)],
                        body: Array(body.utf8))
                }
                if request.head.uri == "/v2/" { return .full(status: .ok, headers: headers, body: Array("{}".utf8)) }
                // Past authentication: the repository is unknown, which the client reports as not found.
                let body = #"{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known","detail":{}}]}"#
                return .full(status: .notFound, headers: headers, body: Array(body.utf8))
            }, body)
    }

    @Test func credentialsInTheHeaderReachTheRegistry() async throws {
        try await Self.withRegistry { registry in
            try await EngineFixture.with { fixture in
                let reference = "127.0.0.1:\(registry.port)/\(fixture.uniqueName("private"))"
                let credentials = RegistryCredentials(
                    username: Self.user, password: Self.password, serverAddress: "127.0.0.1:\(registry.port)")
                await #expect {
                    _ = try await fixture.engine.pullImage(reference, registryAuth: credentials.header).collect()
                } throws: { error in
                    (error as? EngineError)?.code == .notFound
                }
                await #expect {
                    _ = try await fixture.engine.pullImage(reference, registryAuth: RegistryCredentials.anonymousHeader)
                        .collect()
                } throws: { error in
                    let message = (error as? EngineError)?.message ?? ""
                    return message.contains("no basic auth credentials") || message.contains("authentication required")
                }
            }
        }
    }

    @Test func pushingAnImageThatIsNotThereFailsInTheStream() async throws {
        try await EngineFixture.with { fixture in
            let reference = "127.0.0.1:1/\(fixture.uniqueName("absent")):v1"
            await #expect {
                _ = try await fixture.engine.pushImage(reference).collect()
            } throws: { error in
                (error as? EngineError)?.message.contains("does not exist locally") == true
            }
        }
    }
}
