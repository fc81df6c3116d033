import DockerEngine
import Foundation
import PierTestSupport
import Testing

@testable import Orchestration

/// The artifact `publish` pushes, laid out as the reference lays it out.
struct ComposeArtifactTests {
    /// The reference's manifest, read back into layers, is written again byte for byte.
    @Test(arguments: [("reference-manifest-1.1.json", "1.1"), ("reference-manifest-1.0.json", "1.0")])
    func writesTheReferencesManifest(fixture: String, version: String) throws {
        let url = TestSupport.fixtures.appendingPathComponent("publish/\(fixture)")
        let bytes = try [UInt8](Data(contentsOf: url))
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        let layers = try ComposeArtifact.layers(of: bytes, reference: fixture).map { layer in
            ComposeArtifact.Layer(kind: layer.kind, name: layer.name, content: try #require(layer.inline))
        }
        let created = try #require(
            json["annotations"]?["org.opencontainers.image.created"]?.stringValue.flatMap {
                ISO8601DateFormatter().date(from: $0)
            })
        let artifact = ComposeArtifact(layers: layers, ociVersion: try #require(.init(rawValue: version)))
        #expect(
            String(decoding: artifact.manifest(created: created, composeVersion: "2.40.3"), as: UTF8.self)
                == String(decoding: bytes, as: UTF8.self))
    }

    @Test func refusesWhatIsNotAComposeProject() {
        let image =
            #"{"schemaVersion":2,"config":{"mediaType":"application/vnd.oci.image.config.v1+json"},"layers":[]}"#
        #expect(throws: OrchestrationError.self) {
            try ComposeArtifact.layers(of: Array(image.utf8), reference: "oci://r/x")
        }
    }

    @Test(arguments: [
        ("oci://127.0.0.1:5000/demo/app:v1", "127.0.0.1:5000", "demo/app", "v1"),
        ("oci://localhost:5000/app", "localhost:5000", "app", "latest"),
        ("oci://docker.io/user/app:2", "docker.io", "user/app", "2"),
        ("oci://user/app", "docker.io", "user/app", "latest"),
        ("oci://app", "docker.io", "library/app", "latest"),
        ("oci://registry.example/team/app@sha256:abc", "registry.example", "team/app", "sha256:abc"),
    ])
    func readsReferencesAsImageReferences(reference: String, host: String, repository: String, tag: String) throws {
        let parsed = try ArtifactReference(reference)
        #expect(parsed.host == host)
        #expect(parsed.repository == repository)
        #expect(parsed.tagOrDigest == tag)
    }

    @Test func refusesUppercaseRepositories() {
        #expect(throws: OrchestrationError.self) { try ArtifactReference("oci://127.0.0.1:5000/Demo/app:v1") }
    }

    /// Files another names are renamed after the SHA-256 of their absolute path, wherever and however the name
    /// is written; a local include is refused.
    @Test func renamesTheFilesAComposeFileNames() throws {
        let text = """
            services:
              web:
                env_file: [app.env, "other.env"]  # two
                extends:
                  file: 'base.yaml'
                  service: b
              api:
                env_file:
                  - path: ./api.env
                    required: false

            """
        let references = try ArtifactLayers.references(in: text, file: "/p/compose.yaml")
        #expect(Set(references.map(\.path)) == ["/p/app.env", "/p/other.env", "/p/base.yaml", "/p/api.env"])
        let rewritten = ArtifactLayers.rewrite(text, references)
        func name(_ path: String, _ suffix: String) -> String {
            ArtifactLayers.FileReference.publishedName(path, suffix)
        }
        #expect(rewritten.contains("env_file: [\(name("/p/app.env", ".env")), \(name("/p/other.env", ".env"))]  # two"))
        #expect(rewritten.contains("file: \(name("/p/base.yaml", ".yaml"))\n"))
        #expect(rewritten.contains("- path: \(name("/p/api.env", ".env"))\n"))
        #expect(throws: OrchestrationError.self) {
            try ArtifactLayers.references(in: "include:\n  - other.yaml\nservices: {}\n", file: "/p/compose.yaml")
        }
    }
}
