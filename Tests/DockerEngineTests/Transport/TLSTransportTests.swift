import Digest
import PierTestSupport
import Testing

@testable import DockerEngine

/// TLS to an in-process HTTPS server that answers `/_ping` like an engine (starting a TLS dockerd is too heavy).
@Suite struct TLSTransportTests {
    /// Runs `body` with the server, then shuts it down.
    static func withPingServer(
        _ certificates: TestCertificates, requireClientCertificate: Bool,
        _ body: (TestHTTPServer) async throws -> Void
    ) async throws {
        try await TestHTTPServer.with(
            tls: try certificates.serverContext(requireClientCertificate: requireClientCertificate),
            route: { request in
                request.head.uri == "/_ping"
                    ? .full(status: .ok, headers: [("API-Version", "1.41")], body: Array("OK".utf8))
                    : .full(status: .notFound, headers: [], body: Array(#"{"message":"page not found"}"#.utf8))
            }, body)
    }

    @Test func clientCertificateAndCAFromTheEnvironment() async throws {
        let certificates = try await TestCertificates.make()
        try await Self.withPingServer(certificates, requireClientCertificate: true) { server in
            let client = try EngineClient.fromEnvironment([
                "DOCKER_HOST": "tcp://127.0.0.1:\(server.port)", "DOCKER_TLS_VERIFY": "1",
                "DOCKER_CERT_PATH": certificates.directory.path,
            ])
            #expect(client.endpoint.tls?.verifiesServer == true)
            let ping = try await client.ping()
            #expect(ping.apiVersion == "1.41")
            #expect(try await client.apiVersion() == .minimumSupported)
            // A versioned request goes through the same TLS connection setup.
            await #expect {
                _ = try await client.version()
            } throws: { error in
                (error as? EngineError)?.code == .notFound
            }
        }
    }

    @Test func hostNameIsVerifiedForNamesToo() async throws {
        let certificates = try await TestCertificates.make()
        try await Self.withPingServer(certificates, requireClientCertificate: false) { server in
            let tls = EngineTLSSettings(caCertificatePath: certificates.caPath)
            let client = try EngineClient(
                endpoint: .init(address: .tcp(host: "localhost", port: server.port), tls: tls))
            #expect(try await client.ping().apiVersion == "1.41")
        }
    }

    @Test func untrustedServerIsUnreachableWithATLSReason() async throws {
        let certificates = try await TestCertificates.make()
        try await Self.withPingServer(certificates, requireClientCertificate: false) { server in
            let tls = EngineTLSSettings(caCertificatePath: certificates.otherCAPath)
            let client = try EngineClient(
                endpoint: .init(address: .tcp(host: "127.0.0.1", port: server.port), tls: tls))
            await #expect {
                _ = try await client.ping()
            } throws: { error in
                let error = error as? EngineError
                return error?.code == .unreachable && error?.message.contains("TLS failed") == true
            }
        }
    }

    @Test func skipTLSVerifyAcceptsAnUntrustedServer() async throws {
        let certificates = try await TestCertificates.make()
        try await Self.withPingServer(certificates, requireClientCertificate: false) { server in
            let tls = EngineTLSSettings(caCertificatePath: certificates.otherCAPath, verifiesServer: false)
            let client = try EngineClient(
                endpoint: .init(address: .tcp(host: "127.0.0.1", port: server.port), tls: tls))
            #expect(try await client.ping().apiVersion == "1.41")
        }
    }

    @Test func serverRequiringAClientCertificateRejectsAClientWithout() async throws {
        let certificates = try await TestCertificates.make()
        try await Self.withPingServer(certificates, requireClientCertificate: true) { server in
            let tls = EngineTLSSettings(caCertificatePath: certificates.caPath)
            let client = try EngineClient(
                endpoint: .init(address: .tcp(host: "127.0.0.1", port: server.port), tls: tls))
            await #expect(throws: EngineError.self) { _ = try await client.ping() }
        }
    }

    @Test func contextWithTLSMaterialConnects() async throws {
        let certificates = try await TestCertificates.make()
        try await Self.withPingServer(certificates, requireClientCertificate: true) { server in
            let home = try TemporaryDirectory()
            try home.writeContext("tls-test", host: "tcp://127.0.0.1:\(server.port)", in: ".docker")
            let digest = SHA256.hex(of: "tls-test")
            for (name, path) in [
                ("ca.pem", certificates.caPath), ("cert.pem", certificates.clientCertificatePath),
                ("key.pem", certificates.clientKeyPath),
            ] {
                try home.write(
                    ".docker/contexts/tls/\(digest)/docker/\(name)", String(contentsOfFile: path, encoding: .utf8))
            }
            let client = try EngineClient.fromEnvironment(["HOME": home.path, "DOCKER_CONTEXT": "tls-test"])
            #expect(client.endpoint.contextName == "tls-test")
            #expect(try await client.ping().apiVersion == "1.41")
        }
    }

    @Test func missingCertificateFileIsAConfigurationError() throws {
        let tls = EngineTLSSettings(caCertificatePath: "/nonexistent/ca.pem")
        #expect {
            _ = try EngineClient(endpoint: .init(address: .tcp(host: "127.0.0.1", port: 2376), tls: tls))
        } throws: { error in
            (error as? EngineError)?.code == .invalidConfiguration && "\(error)".contains("/nonexistent/ca.pem")
        }
    }
}
