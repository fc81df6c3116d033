import Foundation
import PierTestSupport
import Testing

/// `publish` and `-f oci://…` through a real registry, both ways with the reference: what Pier publishes the
/// reference runs, and the other way round, and the two artifacts are laid out alike.
@Suite(.requiresRegistry, .requiresReference)
struct PublishTests {
    static let compose = """
        services:
          web:
            image: pier-test/busybox:latest
            env_file:
              - app.env
            extends:
              file: base.yaml
              service: base
            volumes: [./data:/data]
        """
    static let files = [
        "base.yaml": "services:\n  base:\n    environment: [FROM_BASE=1]\n    command: [\"sleep\", \"60\"]\n",
        "app.env": "FROM_ENV_FILE=2\n",
        "compose.override.yaml": "services:\n  web:\n    environment:\n      FROM_OVERRIDE: \"3\"\n",
    ]

    /// The reference talks plain HTTP only to registries it is told are insecure.
    static let insecure = ["__TEST__INSECURE__REGISTRY__": "true"]

    /// `config` of a published project, run elsewhere by both tools: the same project.
    @Test func whatPierPublishesBothToolsRun() async throws {
        try await TestRegistry.with { registry in
            try await ScratchProject.with(Self.compose, files: Self.files) { project in
                let reference = "\(registry.host)/\(project.name)/app:v1"
                let publish = try await project.pier("publish", "-y", "--with-env", reference)
                #expect(publish.status == 0, "\(publish.stderr)")
                #expect(publish.stderr == " \(reference) publishing \n \(reference) published \n")
                let elsewhere = project.directory.appendingPathComponent("elsewhere")
                try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
                let cache = project.directory.appendingPathComponent("cache").path
                let environment = project.environment.merging(Self.insecure) { $1 }.merging(["XDG_CACHE_HOME": cache]) {
                    $1
                }
                let pier = try await TestSupport.run(
                    TestSupport.pierBinary, ["-f", "oci://" + reference, "config"], in: elsewhere,
                    environment: environment)
                let composeReference = try await TestSupport.run(
                    try await TestSupport.requireReference(), ["-f", "oci://" + reference, "config"], in: elsewhere,
                    environment: environment.merging(["XDG_CACHE_HOME": cache + "-reference"]) { $1 })
                #expect(pier.status == 0, "\(pier.stderr)")
                #expect(composeReference.status == 0, "\(composeReference.stderr)")
                // Relative paths are the fetched folder's: in each tool's own cache.
                #expect(
                    pier.stdout.replacingOccurrences(of: cache, with: "<cache>")
                        == composeReference.stdout.replacingOccurrences(of: cache + "-reference", with: "<cache>"))
                #expect(pier.stdout.contains("FROM_BASE: \"1\""))
                #expect(pier.stdout.contains("FROM_ENV_FILE: \"2\""))
                #expect(pier.stdout.contains("FROM_OVERRIDE: \"3\""))
            }
        }
    }

    /// The reference's artifact and Pier's, for the same files: the same layers, names, annotations and bytes.
    @Test func bothToolsPublishTheSameArtifact() async throws {
        try await TestRegistry.with { registry in
            try await ScratchProject.with(Self.compose, files: Self.files) { project in
                let piers = "\(registry.host)/\(project.name)/app:pier"
                let references = "\(registry.host)/\(project.name)/app:reference"
                #expect(try await project.pier("publish", "-y", "--with-env", piers).status == 0)
                let reference = try await TestSupport.run(
                    try await TestSupport.requireReference(), ["publish", "-y", "--with-env", references],
                    in: project.directory, environment: project.environment.merging(Self.insecure) { $1 })
                #expect(reference.status == 0, "\(reference.stderr)")
                let pierManifest = try await Self.manifest(registry, "\(project.name)/app", "pier")
                let referenceManifest = try await Self.manifest(registry, "\(project.name)/app", "reference")
                #expect(pierManifest["layers"] as? NSArray == referenceManifest["layers"] as? NSArray)
                #expect(pierManifest["config"] as? NSDictionary == referenceManifest["config"] as? NSDictionary)
                #expect(pierManifest["artifactType"] as? String == "application/vnd.docker.compose.project")
                // And Pier runs what the reference published.
                let config = try await project.pier(
                    ["-f", "oci://" + references, "config", "--services"], environment: Self.cache(project))
                #expect(config.stdout == "web\n", "\(config.stderr)")
            }
        }
    }

    /// What `publish` refuses and asks, worded as the reference words it: the bind mounts it would send are
    /// confirmed first, then variables are refused without `--with-env`.
    @Test func refusesToLeakVariablesWithoutBeingTold() async throws {
        try await TestRegistry.with { registry in
            try await ScratchProject.with(Self.compose, files: Self.files) { project in
                let target = "\(registry.host)/\(project.name)/app:v1"
                let binds = try await project.pier("publish", target)
                #expect(binds.status == 0)
                #expect(
                    binds.stdout.hasPrefix("you are about to publish bind mounts declaration within your OCI artifact.")
                )
                #expect(binds.stdout.contains("web \(project.directory.path)/data:/data:rw\n"))
                let yes = Data("y\n".utf8)
                let pier = try await project.pier(["publish", target], stdin: yes)
                let reference = try await TestSupport.run(
                    try await TestSupport.requireReference(), ["publish", target], in: project.directory,
                    environment: project.environment, stdin: yes)
                #expect(pier.status == 1)
                #expect(pier.stderr == reference.stderr)
                // Asked, and nobody answers yes to the variables: nothing is published.
                let asked = try await project.pier(["publish", "--with-env", target], stdin: yes)
                #expect(asked.status == 0)
                #expect(
                    asked.stdout.contains("you are about to publish environment variables within your OCI artifact."))
                #expect(asked.stdout.hasSuffix("Are you ok to publish these environment variables?"))
                let missing = try await project.pier(
                    ["-f", "oci://" + target, "config"], environment: Self.cache(project))
                #expect(missing.status == 1)
                #expect(
                    try await project.pier("publish", "--oci-version", "2", "-y", target).stderr
                        == "unsupported OCI version: 2\n")
            }
        }
    }

    /// `--resolve-image-digests` pins each image to the digest the registry serves, in `image-digests.yaml`.
    @Test(.requiresEngine) func pinsImagesToTheirDigests() async throws {
        try await TestRegistry.with { registry in
            let image = "\(registry.host)/busybox:pinned"
            try await ScratchProject.with("services:\n  web:\n    image: \(image)\n") { project in
                #expect(try await project.docker("tag", "pier-test/busybox:latest", image).status == 0)
                #expect(try await project.docker("push", image).status == 0)
                let lock = try await project.pier("config", "--lock-image-digests")
                #expect(lock.status == 0, "\(lock.stderr)")
                let referenceLock = try await project.reference("config", "--lock-image-digests")
                #expect(lock.stdout == referenceLock.stdout)
                #expect(lock.stdout.contains("image: \(image)@sha256:"))
                let resolved = try await project.pier("config", "--resolve-image-digests")
                #expect(resolved.stdout == (try await project.reference("config", "--resolve-image-digests")).stdout)
                let target = "\(registry.host)/\(project.name)/app:v1"
                #expect(try await project.pier("publish", "-y", "--resolve-image-digests", target).status == 0)
                let run = try await project.pier(
                    ["-f", "oci://" + target, "config", "--images"], environment: Self.cache(project))
                #expect(run.stdout.hasPrefix("\(image)@sha256:"), "\(run.stderr)")
            }
        }
    }

    /// A cache of fetched projects in the project's folder, not the user's.
    static func cache(_ project: ScratchProject) -> [String: String] {
        ["XDG_CACHE_HOME": project.directory.appendingPathComponent("cache").path]
    }

    /// The registry's manifest for `tag`, as JSON.
    static func manifest(_ registry: TestRegistry, _ repository: String, _ tag: String) async throws -> [String: Any] {
        let result = try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "curl", "-s", "-H", "Accept: application/vnd.oci.image.manifest.v1+json",
                "http://\(registry.host)/v2/\(repository)/manifests/\(tag)",
            ], in: URL(fileURLWithPath: "/"), environment: TestSupport.baseEnvironment)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }
}
