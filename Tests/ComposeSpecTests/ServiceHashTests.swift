import Digest
import Foundation
import Testing

@testable import ComposeSpec

/// Containers are labelled with their service's configuration hash and recreated when it changes. The hash is
/// Docker Compose's own, so a stack started by one tool is kept by the other; the known answers below are labels
/// the reference (Docker Compose v2.40.3) put on containers, networks and volumes it created.
@Suite struct ServiceHashTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/config-hash")

    static func hashes() throws -> [String] {
        var options = ProjectOptions(environment: [:], workingDirectory: directory.path)
        options.profiles = ["*"]
        let project = try ProjectLoader.load(options)
        return (project.document["services"]?.mapping ?? [:]).map { "\($0.key) \(ServiceHash.of($0.value))" }
    }

    static func node(_ yaml: String) throws -> Node {
        try #require(try YAMLReader.documents(yaml, file: "test").first)
    }

    /// The bytes hashed: compact JSON in Compose's key order, with Go's escapes.
    static func hashedJSON(_ service: Node) -> String {
        String(decoding: JSONWriter.compact(ConfigPresentation.hashable(service: service)), as: UTF8.self)
    }

    @Test func hashesMatchTheRecordedOnes() throws {
        let golden = Self.directory.appendingPathComponent("hashes.txt")
        let current = try Self.hashes().joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["PIER_RECORD_GOLDEN"] == "1" {
            try current.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: golden, encoding: .utf8) == current)
    }

    @Test func aServiceHashesAsComposeLabelsIt() throws {
        let service = try Self.node(
            """
            {image: pier-test/busybox, ports: [{target: 80, protocol: tcp, published: "8080", mode: ingress}],
             networks: {default: null}, entrypoint: null, command: [sleep, "3600"]}
            """)
        #expect(
            Self.hashedJSON(service)
                == #"{"command":["sleep","3600"],"entrypoint":null,"image":"pier-test/busybox","networks":{"default":null},"ports":[{"mode":"ingress","target":80,"published":"8080","protocol":"tcp"}]}"#
        )
        #expect(ServiceHash.of(service) == "03a2a482758a66d92f99e44023bdebc7846b4088a08ee79b756b82092241f470")
    }

    @Test func whatDoesNotChangeAContainerDoesNotChangeTheHash() throws {
        let service = try Self.node(
            """
            {image: pier-test/busybox, command: [sleep, "3600"], entrypoint: null, networks: {default: null},
             build: {context: /tmp/ch/up1, dockerfile: Dockerfile}, pull_policy: never, scale: 1, profiles: [p],
             depends_on: {web: {condition: service_started, required: true}},
             deploy: {replicas: 1, resources: {}, placement: {}}}
            """)
        #expect(ServiceHash.of(service) == "e56161422ab4ecaa58e265523922ca3dbf5c0c44e8a2a15931925c528999fc59")
        let changed = try Self.node("{image: pier-test/busybox, command: [sleep, '3601']}")
        #expect(ServiceHash.of(service) != ServiceHash.of(changed))
    }

    @Test func theHashSeesLiteralDollarsAndGoEscapesButNoExtensions() throws {
        let service = try Self.node(
            """
            {x-note: kept out, environment: {LIT: "a$b"}, labels: {b: "<&>", a: "1"},
             networks: {n: {x-foo: 1}}, image: x, entrypoint: null, command: null}
            """)
        #expect(
            Self.hashedJSON(service)
                == #"{"command":null,"entrypoint":null,"environment":{"LIT":"a$b"},"image":"x","labels":{"a":"1","b":"\u003c\u0026\u003e"},"networks":{"n":{}}}"#
        )
    }

    @Test func upPointsSharedNamespacesAtContainers() throws {
        let container = "b8c60c6578da44ed08f00b1834b5ecf637584b4a67ac067bad68c392d95ff8f2"
        let networkMode = try Self.node(
            "{image: pier-test/busybox, command: null, entrypoint: null, network_mode: 'service:host'}")
        #expect(
            ServiceHash.of(networkMode, containerIDs: ["host": container])
                == "4d8e2f7272cad6a12261c32a50d3dc3770d2afa268823174c4432c979f87bda2")
        let namespaces = try Self.node(
            """
            {image: pier-test/busybox, command: null, entrypoint: null, networks: {default: null},
             ipc: 'service:host', pid: 'service:host'}
            """)
        #expect(
            ServiceHash.of(namespaces, containerIDs: ["host": container])
                == "c2f1eebb56bf9bfd2b0b34ce3066e329585597c8b3cca1ee3efb37bc30a21fee")
        let volumesFrom = try Self.node(
            """
            {image: pier-test/busybox, command: null, entrypoint: null, networks: {default: null},
             volumes_from: ['container:chabc:ro']}
            """)
        #expect(
            ServiceHash.of(volumesFrom, containerIDs: [:])
                == "8224bb697e27f71b9b13db8a3a7508ba349ad8020225380ec210da3d29131827")
    }

    @Test func networksAndVolumesHashAsComposeLabelsThem() throws {
        let network = try Self.node(
            "{labels: {a: b}, ipam: {}, x-foo: 1, driver_opts: {com.docker.network.bridge.name: chnv0}, name: chnv_n}")
        #expect(
            ServiceHash.network(network) == "68637726ac893faccd8b0022b8258a2974bed0ae099868f2c75347b80654eca7")
        let labelled = try Self.node("{labels: {a: b}, name: chnv_vv, x-foo: 1}")
        #expect(ServiceHash.volume(labelled) == "3deced81d93e7409acf9ddd25ed35f4e3277fbe9ee7f45f787d096d3021f67c7")
        let plain = try Self.node("{name: chnv_ww}")
        #expect(ServiceHash.volume(plain) == "d523ccc2b77e7899e3d69a956967f6ddbe99635a3ee5ba6a26127e2da7c72d42")
    }

    @Test func sha256KnownAnswers() {
        #expect(
            SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hexDigest(Array(String(repeating: "a", count: 1000).utf8))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
