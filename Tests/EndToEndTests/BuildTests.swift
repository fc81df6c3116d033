import Foundation
import Testing

/// `build`, and `up` building what it needs: targets, args, labels and `.dockerignore`, on the classic builder.
@Suite(.enabled(if: EngineSupport.enabled, EngineSupport.skipMessage))
struct BuildTests {
    static let dockerfile = """
        FROM pier-test/busybox AS base
        ARG GREETING=hello
        RUN echo "$GREETING" > /greeting
        FROM base AS development
        RUN echo dev > /stage
        FROM base AS production
        COPY . /src
        RUN echo prod > /stage
        CMD ["sh", "-c", "cat /greeting /stage; ls /src; sleep 3600"]
        """

    static func project() throws -> ScratchProject {
        try ScratchProject(
            """
            services:
              web:
                build: {context: ./app, target: production, args: {GREETING: bonjour}, labels: [built.by=pier]}
                stop_signal: SIGKILL
            """,
            files: [
                "app/Dockerfile": dockerfile, "app/keep.txt": "keep\n", "app/secret.txt": "secret\n",
                "app/.dockerignore": "secret.txt\n",
            ])
    }

    @Test func upBuildsAMissingImageWithTargetArgsAndDockerignore() throws {
        let project = try Self.project()
        defer {
            project.cleanUp()
            _ = try? project.docker("rmi", "-f", "\(project.name)-web")
        }
        let up = try project.pier("up", "-d")
        #expect(up.status == 0, "\(up.stderr)")
        var output = ""
        for _ in 0..<20 where !output.contains("keep.txt") {
            Thread.sleep(forTimeInterval: 0.2)
            output = try project.docker("logs", "\(project.name)-web-1").stdout
        }
        #expect(output.contains("bonjour"))
        #expect(output.contains("prod"))
        #expect(output.contains("keep.txt"))
        #expect(!output.contains("secret.txt"))
        let label = try project.docker(
            "image", "inspect", "\(project.name)-web", "--format", "{{index .Config.Labels \"built.by\"}}")
        #expect(label.stdout.contains("pier"))
        #expect(try project.pier("down", "--rmi", "local").status == 0)
        #expect(try project.docker("image", "inspect", "\(project.name)-web").status != 0)
    }

    @Test func buildCommandAndAFailingStep() throws {
        let project = try Self.project()
        defer {
            project.cleanUp()
            _ = try? project.docker("rmi", "-f", "\(project.name)-web")
        }
        let build = try project.pier("build", "--build-arg", "GREETING=hallo")
        #expect(build.status == 0, "\(build.stderr)")
        #expect(try project.docker("image", "inspect", "\(project.name)-web").status == 0)
        try (Self.dockerfile + "\nRUN echo about to fail && false\n").write(
            to: project.directory.appendingPathComponent("app/Dockerfile"), atomically: true, encoding: .utf8)
        let failing = try project.pier("build")
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("build failed"))
        #expect(failing.stderr.contains("about to fail"))
    }
}
