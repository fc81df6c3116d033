import Foundation
import PierTestSupport
import Testing

/// The build patterns of the seed stacks, on the classic builder: development and production stages of one
/// multi-stage Dockerfile, a non-root `USER`, build args (list form from the environment, map form with
/// interpolation), a `Dockerfile.frontend` in a subdirectory, and `.dockerignore` rules compared with the
/// reference's build of the same context.
@Suite(.requiresEngine)
struct BuildSeedPatternTests {
    static let dockerfile = """
        FROM pier-test/busybox:latest AS base
        ARG VERSION=0.0.0
        ARG CHANNEL=dev
        RUN echo 'appuser:x:1000:1000::/home/appuser:/bin/sh' >> /etc/passwd \\
            && echo 'appuser:x:1000:' >> /etc/group && mkdir -p /home/appuser /app
        RUN echo "$VERSION/$CHANNEL" > /version
        WORKDIR /app

        FROM base AS development
        RUN echo development > /stage
        CMD ["sh", "-c", "cat /version /stage"]

        FROM base AS production
        COPY --chown=appuser . /app
        RUN echo production > /stage
        USER appuser
        CMD ["sh", "-c", "cat /version /stage"]
        """

    static let compose = """
        services:
          dev:
            build: {context: ., target: development, args: [VERSION, CHANNEL]}
          prod:
            build:
              context: .
              target: production
              args: {VERSION: "${VERSION}-${SUFFIX:-final}", CHANNEL: stable}
          frontend:
            build: {context: ./frontend, dockerfile: Dockerfile.frontend}
          frontend-root:
            build: {context: ., dockerfile: frontend/Dockerfile.frontend}
        """

    /// Runs `body` with the project, removed afterwards.
    static func withProject(_ body: (ScratchProject) async throws -> Void) async throws {
        try await ScratchProject.with(
            compose,
            files: [
                "Dockerfile": dockerfile,
                ".dockerignore": "# build output and logs stay out\n**/*.log\n!keep.log\nnode_modules\ntmp/*\n",
                "src/main.sh": "echo main\n", "src/debug.log": "x\n", "keep.log": "k\n", "tmp/cache": "c\n",
                "node_modules/dep/index.js": "x\n",
                "frontend/Dockerfile.frontend": "FROM pier-test/busybox:latest\nCOPY . /site\n",
                "frontend/index.html": "<h1>seed</h1>\n", "frontend/npm-debug.log": "x\n",
            ], body)
    }

    /// `pier ARGS` with `VERSION` in the environment, as a user's shell would have it.
    static func pier(_ project: ScratchProject, _ arguments: String...) async throws -> TestSupport.Result {
        var environment = project.environment
        environment["VERSION"] = "2.1.0"
        return try await TestSupport.run(
            TestSupport.pierBinary, arguments, in: project.directory, environment: environment)
    }

    static func removeImages(_ project: ScratchProject) async {
        for service in ["dev", "prod", "frontend", "frontend-root"] {
            _ = try? await project.docker("rmi", "-f", "\(project.name)-\(service)")
        }
    }

    @Test func stagesUserArgsAndTheFrontendPattern() async throws {
        try await Self.withProject { project in
            await project.onCleanUp {
                await Self.removeImages(project)
            }
            let build = try await Self.pier(project, "--progress", "plain", "build")
            #expect(build.status == 0, "\(build.stderr)")
            #expect(build.stdout.contains("[prod internal] load build definition from Dockerfile"), "\(build.stdout)")

            func run(_ service: String, _ command: String...) async throws -> String {
                let result = try await project.docker(["run", "--rm", "\(project.name)-\(service)"] + command)
                #expect(result.status == 0, "\(result.stderr)")
                return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            // The list form takes VERSION from the environment and leaves CHANNEL (unset) to the Dockerfile.
            #expect(try await run("dev") == "2.1.0/dev\ndevelopment")
            #expect(try await run("dev", "id", "-un") == "root")
            #expect(try await run("prod") == "2.1.0-final/stable\nproduction")
            #expect(try await run("prod", "id", "-un") == "appuser")
            #expect(try await run("prod", "stat", "-c", "%U", "/app/src/main.sh") == "appuser")
            let frontendFiles = try await run("frontend", "find", "/site", "-type", "f").split(separator: "\n").sorted()
            #expect(frontendFiles == ["/site/Dockerfile.frontend", "/site/index.html", "/site/npm-debug.log"])
            let rootLayout = try await run("frontend-root", "ls", "/site/frontend")
            #expect(rootLayout == "Dockerfile.frontend\nindex.html")
            let label = try await project.docker(
                "image", "inspect", "\(project.name)-prod", "--format",
                "{{index .Config.Labels \"com.docker.compose.service\"}}")
            // BuildKit builds carry the labels Compose gives them.
            #expect(label.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "prod")
        }
    }

    /// The files the production stage copies, with Pier's `.dockerignore` handling and with the reference's.
    @Test(.requiresReference)
    func dockerignoreKeepsWhatTheReferenceKeeps() async throws {
        try await Self.withProject { project in
            await project.onCleanUp {
                await Self.removeImages(project)
                _ = try? await project.docker("rmi", "-f", "\(project.name)-reference-prod")
            }
            #expect(try await Self.pier(project, "build", "-q", "prod").status == 0)
            let pierFiles = try await project.docker("run", "--rm", "\(project.name)-prod", "find", "/app")
            var environment = project.environment
            environment["VERSION"] = "2.1.0"
            environment["DOCKER_BUILDKIT"] = "0"
            environment["COMPOSE_PROJECT_NAME"] = project.name + "-reference"
            let binary = try await TestSupport.requireReference()
            let reference = try await TestSupport.run(
                binary, ["build", "prod"], in: project.directory, environment: environment)
            #expect(reference.status == 0, "\(reference.stderr)")
            let referenceFiles = try await project.docker(
                "run", "--rm", "\(project.name)-reference-prod", "find", "/app")
            let lines = pierFiles.stdout.split(separator: "\n").sorted()
            #expect(lines == referenceFiles.stdout.split(separator: "\n").sorted())
            #expect(lines.contains("/app/keep.log"))
            #expect(!lines.contains("/app/src/debug.log"))
            #expect(!lines.contains("/app/node_modules"))
            #expect(lines.contains("/app/tmp"))
            #expect(!lines.contains("/app/tmp/cache"))
        }
    }
}
