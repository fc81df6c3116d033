import ArgumentParser
import ComposeSpec
import DockerEngine
import Foundation
import Orchestration

struct Publish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish", abstract: "Publish compose application",
        discussion: """
            pier publish [OPTIONS] REPOSITORY[:TAG]

            Pushes the project's compose files (and the files they extend, and with --with-env the env files they \
            read) to a registry as an OCI artifact, which `pier -f oci://REPOSITORY[:TAG] …` (or Docker Compose) \
            runs. Images of services with both `build` and `image` are pushed first.
            """)
    var global: GlobalOptions { GlobalOptions.current }

    @Flag(help: "Published compose application (includes referenced images)") var app = false
    @Option(
        name: .customLong("oci-version"),
        help: "OCI image/artifact specification version (automatically determined by default)")
    var ociVersion: String?
    @Flag(name: .customLong("resolve-image-digests"), help: "Pin image tags to digests") var resolveImageDigests = false
    @Flag(name: .customLong("with-env"), help: "Include environment variables in the published OCI artifact")
    var withEnv = false
    @Flag(name: [.customShort("y"), .long], help: "Assume \"yes\" as answer to all prompts") var yes = false
    @Argument(help: "REPOSITORY[:TAG] to publish to.") var repository: String

    func run() async throws {
        let version = try Self.ociVersion(ociVersion)
        if app {
            throw CommandFailure(
                "--app is not supported yet: it copies the images into the artifact's repository; publish with "
                    + "--resolve-image-digests to pin them instead")
        }
        var options = global.projectOptions()
        options.resolveEnvironmentFiles = false
        let declared = try ProjectTarget.loadProject(options)
        if let stdin = declared.configFiles.first(where: { $0 == "-" }) {
            throw CommandFailure("open \(stdin): no such file or directory")
        }
        // In the reference's order: bind mounts, then variables.
        let check = PublishCheck(project: declared)
        if !yes, let question = check.bindMountQuestion, !Prompt.confirm(question) { return }
        if !withEnv, !yes, let refusal = check.environmentRefusal { throw CommandFailure(refusal) }
        if withEnv, !yes, let question = try check.environmentQuestion(resolved: global.projectOptions()),
            !Prompt.confirm(question)
        {
            return
        }
        let session = try await EngineSession.open(global)
        try await session.run { runtime in
            var push = PushOptions()
            push.ignoreFailures = true
            push.quiet = true
            for failure in try await runtime.push(push) { Output.writeError(failure + "\n") }
        }
        let pinned: [(service: String, image: String)]? =
            resolveImageDigests ? try await Config.pinnedImages(of: declared) : nil
        let layers = try ArtifactLayers.make(
            files: declared.configFiles, withEnvironmentFiles: withEnv, pinnedImages: pinned)
        let artifact = ComposeArtifact(layers: layers, ociVersion: version)
        let quiet = global.progress == "quiet"
        let mark = DryRun.mark(global)
        if !quiet { Output.writeError(" \(mark)\(repository) publishing \n") }
        // A dry run made the artifact (what could fail) and sends none of it, as the reference's.
        if !global.dryRun { try await artifact.publish(to: repository, credentials: session.runtime.credentials) }
        if !quiet { Output.writeError(" \(mark)\(repository) published \n") }
    }

    /// `--oci-version`: `1.0`, `1.1`, or nothing for the newest (1.1).
    static func ociVersion(_ text: String?) throws(CommandFailure) -> ComposeArtifact.OCIVersion {
        guard let text, !text.isEmpty else { return .v1_1 }
        guard let version = ComposeArtifact.OCIVersion(rawValue: text) else {
            throw CommandFailure("unsupported OCI version: \(text)")
        }
        return version
    }
}
