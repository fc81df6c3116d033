import Foundation
import PierTestSupport
import Testing

/// `up --build`, `up --no-build` and `pull_policy: never`, on the engine's classic builder.
@Suite(.requiresEngine)
struct UpBuildTests {
    /// Runs `body` with the project, removed afterwards.
    static func withProject(_ body: (ScratchProject) async throws -> Void) async throws {
        try await ScratchProject.with(
            """
            services:
              app:
                build: .
                command: ["sh", "-c", "cat /version; sleep 3600"]
                stop_signal: SIGKILL
            """,
            files: ["Dockerfile": "FROM pier-test/busybox\nRUN echo one > /version\n"], body)
    }

    @Test func buildRebuildsAndRecreatesWhileNoBuildRefusesAMissingImage() async throws {
        try await Self.withProject { project in
            let image = "\(project.name)-app"
            await project.onCleanUp { await EngineCleanup.removeImages([image]) }
            let refused = try await project.pier("up", "-d", "--no-build")
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("no such image: \(image), and --no-build forbids building it"))
            #expect(try await project.pier("up", "-d", "--build", "--no-build").status != 0)

            #expect(try await project.pier("up", "-d").status == 0)
            let first = try await project.docker("inspect", "--format", "{{.Id}}", "\(project.name)-app-1").stdout
            try "FROM pier-test/busybox\nRUN echo two > /version\n".write(
                to: project.directory.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
            // Without --build the image is there: neither rebuilt nor recreated.
            #expect(try await project.pier("up", "-d").status == 0)
            #expect(try await project.docker("inspect", "--format", "{{.Id}}", "\(project.name)-app-1").stdout == first)
            #expect(try await project.pier("up", "-d", "--no-build").status == 0)

            let replacedImage = try await project.docker("image", "inspect", "--format", "{{.Id}}", image).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
            // The image the rebuild replaces is left untagged: not ours to leave behind either.
            await project.onCleanUp { await EngineCleanup.removeImages([replacedImage]) }
            let rebuilt = try await project.pier("--progress", "plain", "up", "-d", "--build")
            #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
            #expect(rebuilt.stderr.contains("Built"))
            #expect(try await project.docker("inspect", "--format", "{{.Id}}", "\(project.name)-app-1").stdout != first)
            let version = try await project.docker("exec", "\(project.name)-app-1", "cat", "/version")
            #expect(version.stdout == "two\n")
        }
    }

    @Test func neverPullingAMissingImageSaysHowToGetIt() async throws {
        try await ScratchProject.with(
            """
            services:
              app: {image: "pier-test/absent-\(UUID().uuidString.lowercased()):v1", pull_policy: never}
            """
        ) { project in
            let up = try await project.pier("up", "-d")
            #expect(up.status == 1)
            #expect(up.stderr.contains("its pull policy is never: pull it with `pier pull --policy always app`"))
            let badPull = try await project.pier("up", "-d", "--pull", "sometimes")
            #expect(badPull.status != 0 && badPull.stderr.contains("invalid --pull option \"sometimes\""))
        }
    }
}
