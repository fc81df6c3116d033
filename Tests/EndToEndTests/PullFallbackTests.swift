import Foundation
import PierTestSupport
import Testing

/// `up` with an image it cannot pull: a service that can be built is built instead, as Compose does.
@Suite(.requiresEngine)
struct PullFallbackTests {
    @Test func anImageThatCannotBePulledIsBuiltWhenTheServiceHasBuild() async throws {
        try await ScratchProject.with(
            """
            services:
              web:
                image: registry.invalid/pier/app:1
                build: ./app
                command: sleep 3600
                stop_signal: SIGKILL
            """,
            files: ["app/Dockerfile": "FROM pier-test/busybox\nRUN echo built > /built\n"]
        ) { project in
            let image = "registry.invalid/pier/app:1"
            await project.onCleanUp {
                // Before the project is removed: its container, which uses the image, goes first, or `rmi` fails and
                // the next run finds the image here and pulls nothing.
                _ = try? await project.pier("down", "--timeout", "0")
                _ = try? await project.docker("rmi", image)
            }
            let up = try await project.pier("--progress", "plain", "up", "-d")
            #expect(up.status == 0, "\(up.stderr)")
            #expect(up.stderr.contains(" web Warning"), "\(up.stderr)")
            let built = try await project.docker("exec", "\(project.name)-web-1", "cat", "/built")
            #expect(built.stdout == "built\n", "\(built.stderr)")
        }
    }

    @Test func anImageThatCannotBePulledFailsWithoutBuild() async throws {
        try await ScratchProject.with(
            """
            services:
              web: {image: "registry.invalid/pier/missing:1", command: sleep 3600}
            """
        ) { project in
            let up = try await project.pier("up", "-d")
            #expect(up.status != 0)
            #expect(
                up.stderr.contains("service \"web\": cannot pull registry.invalid/pier/missing:1"), "\(up.stderr)")
        }
    }

    /// Every pull that fails is reported, service by service, not only the first.
    @Test func everyImageThatCannotBePulledIsNamed() async throws {
        try await ScratchProject.with(
            """
            services:
              web: {image: "registry.invalid/pier/web:1", command: sleep 3600}
              api: {image: "registry.invalid/pier/api:1", command: sleep 3600}
            """
        ) { project in
            let up = try await project.pier("--progress", "quiet", "up", "-d")
            #expect(up.status == 1)
            let lines = up.stderr.split(separator: "\n").filter { $0.contains("cannot pull") }
            #expect(lines.count == 2, "\(up.stderr)")
            #expect(lines.first?.hasPrefix("service \"api\": cannot pull registry.invalid/pier/api:1") == true)
            #expect(lines.last?.hasPrefix("service \"web\": cannot pull registry.invalid/pier/web:1") == true)
        }
    }
}
