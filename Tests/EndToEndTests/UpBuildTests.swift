import Foundation
import Testing

/// `up --build`, `up --no-build` and `pull_policy: never`, on the engine's classic builder.
@Suite(.enabled(if: EngineSupport.enabled, EngineSupport.skipMessage))
struct UpBuildTests {
    static func project() throws -> ScratchProject {
        try ScratchProject(
            """
            services:
              app:
                build: .
                command: ["sh", "-c", "cat /version; sleep 3600"]
                stop_signal: SIGKILL
            """,
            files: ["Dockerfile": "FROM pier-test/busybox\nRUN echo one > /version\n"])
    }

    @Test func buildRebuildsAndRecreatesWhileNoBuildRefusesAMissingImage() throws {
        let project = try Self.project()
        let image = "\(project.name)-app"
        var replacedImage: String?
        defer {
            project.cleanUp()
            // The image the rebuild replaced is left untagged: not ours to leave behind either.
            EngineCleanup.removeImages([image] + (replacedImage.map { [$0] } ?? []))
        }
        let refused = try project.pier("up", "-d", "--no-build")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no such image: \(image), and --no-build forbids building it"))
        #expect(try project.pier("up", "-d", "--build", "--no-build").status != 0)

        #expect(try project.pier("up", "-d").status == 0)
        let first = try project.docker("inspect", "--format", "{{.Id}}", "\(project.name)-app-1").stdout
        try "FROM pier-test/busybox\nRUN echo two > /version\n".write(
            to: project.directory.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        // Without --build the image is there: neither rebuilt nor recreated.
        #expect(try project.pier("up", "-d").status == 0)
        #expect(try project.docker("inspect", "--format", "{{.Id}}", "\(project.name)-app-1").stdout == first)
        #expect(try project.pier("up", "-d", "--no-build").status == 0)

        replacedImage = try project.docker("image", "inspect", "--format", "{{.Id}}", image).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let rebuilt = try project.pier("--progress", "plain", "up", "-d", "--build")
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stderr.contains("Built"))
        #expect(try project.docker("inspect", "--format", "{{.Id}}", "\(project.name)-app-1").stdout != first)
        let version = try project.docker("exec", "\(project.name)-app-1", "cat", "/version")
        #expect(version.stdout == "two\n")
    }

    @Test func neverPullingAMissingImageSaysHowToGetIt() throws {
        let project = try ScratchProject(
            """
            services:
              app: {image: "pier-test/absent-\(UUID().uuidString.lowercased()):v1", pull_policy: never}
            """)
        defer { project.cleanUp() }
        let up = try project.pier("up", "-d")
        #expect(up.status == 1)
        #expect(up.stderr.contains("its pull policy is never: pull it with `pier pull --policy always app`"))
        let badPull = try project.pier("up", "-d", "--pull", "sometimes")
        #expect(badPull.status != 0 && badPull.stderr.contains("invalid --pull option \"sometimes\""))
    }
}
