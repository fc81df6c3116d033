import Digest
import Foundation
import Testing

@testable import DockerEngine

@Suite struct EndpointParsingTests {
    @Test(arguments: [
        ("unix:///var/run/docker.sock", EngineEndpoint.Address.unixSocket(path: "/var/run/docker.sock")),
        ("unix:///run/user/1000/podman/podman.sock", .unixSocket(path: "/run/user/1000/podman/podman.sock")),
        ("tcp://127.0.0.1:2375", .tcp(host: "127.0.0.1", port: 2375)),
        ("tcp://engine.example", .tcp(host: "engine.example", port: 2375)),
        ("http://localhost:8080", .tcp(host: "localhost", port: 8080)),
        ("tcp://[::1]:2376", .tcp(host: "::1", port: 2376)),
        ("tcp://host:2375/", .tcp(host: "host", port: 2375)),
        ("  tcp://host:1  ", .tcp(host: "host", port: 1)),
    ])
    func parsesHosts(host: String, expected: EngineEndpoint.Address) throws {
        #expect(try EngineEndpoint.parse(host: host).address == expected)
    }

    @Test func tlsChangesTheDefaultPortAndHTTPSImpliesTLS() throws {
        let tls = EngineTLSSettings(verifiesServer: true)
        #expect(try EngineEndpoint.parse(host: "tcp://host", tls: tls).address == .tcp(host: "host", port: 2376))
        let https = try EngineEndpoint.parse(host: "https://host")
        #expect(https.tls != nil)
        #expect(https.address == .tcp(host: "host", port: 2376))
        #expect(try EngineEndpoint.parse(host: "unix:///s.sock", tls: tls).tls == tls)
    }

    @Test(arguments: [
        "/var/run/docker.sock", "unix://relative.sock", "tcp://:2375", "tcp://host:99999", "tcp://h:x",
        "ftp://host", "ssh://user@host", "npipe:////./pipe/docker_engine", "tcp://[::1",
    ])
    func rejectsBadHosts(host: String) {
        #expect {
            try EngineEndpoint.parse(host: host)
        } throws: { error in
            (error as? EngineError)?.code == .invalidConfiguration && "\(error)".contains(host.trimmingWhitespace)
        }
    }

    @Test func describesEndpointsAsDockerHostDoes() throws {
        #expect(EngineEndpoint.defaultSocket.description == "unix:///var/run/docker.sock")
        #expect(try EngineEndpoint.parse(host: "tcp://[::1]:2376").description == "tcp://[::1]:2376")
        #expect(EngineEndpoint.defaultSocket.hostHeader == "localhost")
        #expect(try EngineEndpoint.parse(host: "tcp://engine:2375").hostHeader == "engine:2375")
    }
}

@Suite struct EndpointResolverTests {
    @Test func defaultsToTheDefaultSocket() throws {
        let home = try TemporaryDirectory()
        #expect(try EndpointResolver.resolve(environment: ["HOME": home.path]) == .defaultSocket)
    }

    @Test func dockerHostWithTLSVerifyUsesTheCertificatePath() throws {
        let certificates = try TemporaryDirectory()
        for name in ["ca.pem", "cert.pem", "key.pem"] { try certificates.write(name, "pem") }
        let endpoint = try EndpointResolver.resolve(environment: [
            "DOCKER_HOST": "tcp://engine:2376", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certificates.path,
        ])
        #expect(endpoint.address == .tcp(host: "engine", port: 2376))
        #expect(endpoint.tls?.verifiesServer == true)
        #expect(endpoint.tls?.caCertificatePath == certificates.url.appendingPathComponent("ca.pem").path)
        #expect(endpoint.tls?.privateKeyPath == certificates.url.appendingPathComponent("key.pem").path)
    }

    @Test func tlsCertificatesDefaultToTheConfigFolderAndOnlyExistingFilesAreUsed() throws {
        let home = try TemporaryDirectory()
        try home.write(".docker/ca.pem", "pem")
        let endpoint = try EndpointResolver.resolve(environment: [
            "HOME": home.path, "DOCKER_HOST": "tcp://engine", "DOCKER_TLS": "1",
        ])
        #expect(endpoint.tls?.verifiesServer == false)
        #expect(endpoint.tls?.caCertificatePath == home.url.appendingPathComponent(".docker/ca.pem").path)
        #expect(endpoint.tls?.certificatePath == nil)
    }

    @Test func emptyVariablesCountAsUnset() throws {
        let home = try TemporaryDirectory()
        let environment = ["HOME": home.path, "DOCKER_HOST": "", "DOCKER_CONTEXT": "", "DOCKER_TLS_VERIFY": ""]
        #expect(try EndpointResolver.resolve(environment: environment) == .defaultSocket)
    }

    @Test func currentContextFromConfigJSON() throws {
        let home = try TemporaryDirectory()
        try home.write(".docker/config.json", #"{"auths": {}, "currentContext": "remote"}"#)
        try home.writeContext("remote", host: "tcp://remote.example:2376", in: ".docker")
        let endpoint = try EndpointResolver.resolve(environment: ["HOME": home.path])
        #expect(endpoint.address == .tcp(host: "remote.example", port: 2376))
        #expect(endpoint.contextName == "remote")
        #expect(endpoint.tls == nil)
    }

    @Test func dockerContextVariableWinsOverConfigAndDockerHostWinsOverBoth() throws {
        let home = try TemporaryDirectory()
        try home.write(".docker/config.json", #"{"currentContext": "remote"}"#)
        try home.writeContext("remote", host: "tcp://remote:2375", in: ".docker")
        try home.writeContext("other", host: "unix:///run/other.sock", in: ".docker")
        let fromVariable = try EndpointResolver.resolve(environment: ["HOME": home.path, "DOCKER_CONTEXT": "other"])
        #expect(fromVariable.address == .unixSocket(path: "/run/other.sock"))
        let fromHost = try EndpointResolver.resolve(environment: [
            "HOME": home.path, "DOCKER_CONTEXT": "other", "DOCKER_HOST": "unix:///run/host.sock",
        ])
        #expect(fromHost.address == .unixSocket(path: "/run/host.sock"))
        #expect(fromHost.contextName == nil)
    }

    @Test func defaultContextIsTheDefaultSocket() throws {
        let home = try TemporaryDirectory()
        try home.write(".docker/config.json", #"{"currentContext": "default"}"#)
        #expect(try EndpointResolver.resolve(environment: ["HOME": home.path]) == .defaultSocket)
    }

    @Test func dockerConfigVariableMovesTheConfigFolder() throws {
        let config = try TemporaryDirectory()
        try config.write("config.json", #"{"currentContext": "moved"}"#)
        try config.writeContext("moved", host: "tcp://moved:2375", in: ".")
        let endpoint = try EndpointResolver.resolve(environment: ["HOME": "/nonexistent", "DOCKER_CONFIG": config.path])
        #expect(endpoint.address == .tcp(host: "moved", port: 2375))
    }

    @Test func contextTLSMaterialAndSkipVerify() throws {
        let home = try TemporaryDirectory()
        try home.writeContext("secure", host: "tcp://secure:2376", in: ".docker", skipTLSVerify: true)
        let digest = SHA256.hex(of: "secure")
        try home.write(".docker/contexts/tls/\(digest)/docker/cert.pem", "pem")
        try home.write(".docker/contexts/tls/\(digest)/docker/key.pem", "pem")
        let endpoint = try EndpointResolver.resolve(environment: ["HOME": home.path, "DOCKER_CONTEXT": "secure"])
        #expect(endpoint.tls?.verifiesServer == false)
        #expect(endpoint.tls?.certificatePath?.hasSuffix("contexts/tls/\(digest)/docker/cert.pem") == true)
        #expect(endpoint.tls?.caCertificatePath == nil)
    }

    @Test func missingContextSaysSo() throws {
        let home = try TemporaryDirectory()
        #expect {
            try EndpointResolver.resolve(environment: ["HOME": home.path, "DOCKER_CONTEXT": "gone"])
        } throws: { error in
            (error as? EngineError)?.code == .invalidConfiguration && "\(error)".contains("'gone' does not exist")
        }
    }

    @Test func invalidConfigJSONIsAnError() throws {
        let home = try TemporaryDirectory()
        try home.write(".docker/config.json", "{not json")
        #expect(throws: EngineError.self) { try EndpointResolver.resolve(environment: ["HOME": home.path]) }
    }

    @Test func contextWithoutDockerEndpointIsAnError() throws {
        let home = try TemporaryDirectory()
        let digest = SHA256.hex(of: "k8s")
        try home.write(".docker/contexts/meta/\(digest)/meta.json", #"{"Name": "k8s", "Endpoints": {}}"#)
        #expect(throws: EngineError.self) {
            try EndpointResolver.resolve(environment: ["HOME": home.path, "DOCKER_CONTEXT": "k8s"])
        }
    }
}

@Suite struct SHA256DigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("default", "37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownDigests(text: String, digest: String) {
        #expect(SHA256.hex(of: text) == digest)
    }

    @Test func longInputsCrossBlockBoundaries() {
        // 1,000,000 × "a", the FIPS 180-2 long message vector.
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(
            SHA256.hexDigest(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
