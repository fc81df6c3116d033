import Foundation
import PierTestSupport
import Testing

/// `build`, and `up` building what it needs: targets, args, labels and `.dockerignore`, on the classic builder.
@Suite(.requiresEngine)
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

    /// Runs `body` with the project, removed afterwards.
    static func withProject(_ body: (ScratchProject) async throws -> Void) async throws {
        try await ScratchProject.with(
            """
            services:
              web:
                build: {context: ./app, target: production, args: {GREETING: bonjour}, labels: [built.by=pier]}
                stop_signal: SIGKILL
            """,
            files: [
                "app/Dockerfile": dockerfile, "app/keep.txt": "keep\n", "app/secret.txt": "secret\n",
                "app/.dockerignore": "secret.txt\n",
            ], body)
    }

    @Test func upBuildsAMissingImageWithTargetArgsAndDockerignore() async throws {
        try await Self.withProject { project in
            await project.onCleanUp {
                _ = try? await project.docker("rmi", "-f", "\(project.name)-web")
            }
            let up = try await project.pier("up", "-d")
            #expect(up.status == 0, "\(up.stderr)")
            var output = ""
            for _ in 0..<20 where !output.contains("keep.txt") {
                try await Task.sleep(for: .seconds(0.2))
                output = try await project.docker("logs", "\(project.name)-web-1").stdout
            }
            #expect(output.contains("bonjour"))
            #expect(output.contains("prod"))
            #expect(output.contains("keep.txt"))
            #expect(!output.contains("secret.txt"))
            let label = try await project.docker(
                "image", "inspect", "\(project.name)-web", "--format", "{{index .Config.Labels \"built.by\"}}")
            #expect(label.stdout.contains("pier"))
            #expect(try await project.pier("down", "--rmi", "local").status == 0)
            #expect(try await project.docker("image", "inspect", "\(project.name)-web").status != 0)
        }
    }

    @Test func buildCommandAndAFailingStep() async throws {
        try await Self.withProject { project in
            await project.onCleanUp {
                _ = try? await project.docker("rmi", "-f", "\(project.name)-web")
            }
            let build = try await project.pier("build", "--build-arg", "GREETING=hallo")
            #expect(build.status == 0, "\(build.stderr)")
            #expect(try await project.docker("image", "inspect", "\(project.name)-web").status == 0)
            try (Self.dockerfile + "\nRUN echo about to fail && false\n").write(
                to: project.directory.appendingPathComponent("app/Dockerfile"), atomically: true, encoding: .utf8)
            let failing = try await project.pier("build")
            #expect(failing.status == 1)
            #expect(failing.stderr.contains("build failed"))
            #expect(failing.stderr.contains("about to fail"))
        }
    }

    @Test func dockerfileInlineAndADockerfileOutsideTheContext() async throws {
        try await ScratchProject.with(
            """
            services:
              inline:
                build:
                  context: ./app
                  dockerfile_inline: |
                    FROM pier-test/busybox:latest
                    COPY . /ctx
                    CMD ["ls", "-a", "/ctx"]
              outside:
                build: {context: ./app, dockerfile: ../docker/Dockerfile.outside}
            """,
            files: [
                "app/keep.txt": "keep\n", "app/.pier-dockerfile-inline": "a file of the user's with our name\n",
                "docker/Dockerfile.outside":
                    "FROM pier-test/busybox:latest\nCOPY keep.txt /\nCMD [\"cat\", \"/keep.txt\"]\n",
            ]
        ) { project in
            await project.onCleanUp {
                _ = try? await project.docker("rmi", "-f", "\(project.name)-inline", "\(project.name)-outside")
            }
            let build = try await project.pier("build", "-q")
            #expect(build.status == 0, "\(build.stderr)")
            #expect(build.stdout.isEmpty)
            // The generated Dockerfile (and the .dockerignore keeping it out) are not copied; the user's own file
            // with the generated name is.
            let listing = try await project.docker("run", "--rm", "\(project.name)-inline").stdout
            #expect(listing.split(separator: "\n").sorted() == [".", "..", ".pier-dockerfile-inline", "keep.txt"])
            #expect(try await project.docker("run", "--rm", "\(project.name)-outside").stdout == "keep\n")
        }
    }

    @Test(arguments: [
        ("platforms: [linux/amd64, linux/arm64]", "build.platforms"),
        ("additional_contexts: {extra: ./app}", "build.additional_contexts"),
        ("ssh: [default]", "build.ssh"),
        ("secrets: [token]", "build.secrets"),
        ("privileged: true", "build.privileged"),
    ])
    /// With the classic builder (an engine without BuildKit, or `DOCKER_BUILDKIT=0`), what needs BuildKit is
    /// refused before anything is built.
    func buildKitOnlyAttributesAreRefusedByTheClassicBuilder(attribute: String, name: String) async throws {
        try await ScratchProject.with(
            """
            services:
              web:
                build: {context: ./app, \(attribute)}
            secrets:
              token: {environment: HOME}
            """, files: ["app/Dockerfile": "FROM pier-test/busybox:latest\n"]
        ) { project in
            let build = try await project.pier(["build"], environment: ["DOCKER_BUILDKIT": "0"])
            #expect(build.status == 1)
            #expect(build.stderr.contains("service \"web\": \(name) needs BuildKit"), "\(build.stderr)")
            #expect(try await project.docker("image", "inspect", "\(project.name)-web").status != 0)
        }
    }

    @Test func withDependenciesAndAParallelLimit() async throws {
        try await ScratchProject.with(
            """
            services:
              front: {build: ./app, depends_on: [back]}
              back: {build: ./app, depends_on: [db]}
              db: {image: pier-test/busybox:latest}
              other: {build: ./app}
            """, files: ["app/Dockerfile": "FROM pier-test/busybox:latest\nRUN echo built\n"]
        ) { project in
            let images = ["front", "back", "other"].map { "\(project.name)-\($0)" }
            await project.onCleanUp {
                _ = try? await project.docker(["rmi", "-f"] + images)
            }
            func built() async throws -> [Bool] {
                var found: [Bool] = []
                for image in images { found.append(try await project.docker("image", "inspect", image).status == 0) }
                return found
            }
            let alone = try await project.pier("--progress", "plain", "build", "front")
            #expect(alone.status == 0, "\(alone.stderr)")
            #expect(!alone.stdout.contains("front  | "), "one service: the engine's output as is")
            #expect(try await built() == [true, false, false])
            let withDependencies = try await project.pier(
                "--parallel", "1", "--progress", "plain", "build", "--with-dependencies", "front")
            #expect(withDependencies.status == 0, "\(withDependencies.stderr)")
            #expect(withDependencies.stdout.contains("back   | #1 [back internal] load build definition"))
            #expect(try await built() == [true, true, false])

            let unlimited = try await project.pier("--parallel", "-1", "build", "front")
            #expect(unlimited.status == 0, "\(unlimited.stderr)")

            var environment = project.environment
            environment["COMPOSE_PARALLEL_LIMIT"] = "many"
            let invalid = try await TestSupport.run(
                TestSupport.pierBinary, ["build"], in: project.directory, environment: environment)
            #expect(invalid.status == 1)
            #expect(invalid.stderr.contains("COMPOSE_PARALLEL_LIMIT must be an integer (found: \"many\")"))
            environment["COMPOSE_PARALLEL_LIMIT"] = "2"
            let all = try await TestSupport.run(
                TestSupport.pierBinary, ["build"], in: project.directory, environment: environment)
            #expect(all.status == 0, "\(all.stderr)")
            #expect(try await built() == [true, true, true])
        }
    }

    /// `--check` needs a newer BuildKit's Dockerfile checks; a size that is not one is refused.
    @Test(arguments: [["--check"], ["--memory", "lots"]])
    func flagsPierCannotHonourAreRefused(flags: [String]) async throws {
        try await ScratchProject.with(
            "services:\n  web: {build: ./app}\n", files: ["app/Dockerfile": "FROM pier-test/busybox:latest\n"]
        ) { project in
            let result = try await TestSupport.run(
                TestSupport.pierBinary, ["build"] + flags, in: project.directory, environment: project.environment)
            #expect(result.status == 1)
            #expect(result.stderr.contains(flags[0]), "\(result.stderr)")
        }
    }
}

/// A build context in a git repository served over HTTP from a scratch directory.
@Suite(.requiresEngine)
struct GitContextBuildTests {
    /// Runs `command` in `directory` and expects it to succeed.
    static func shell(_ command: String, in directory: URL) async throws {
        let result = try await TestSupport.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", command], in: directory,
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(command): \(result.stderr)")
    }

    @Test func aGitRepositoryAtABranchAndSubdirectory() async throws {
        try await ScratchProject.with(
            "services: {}\n",
            files: [
                "work/app/Dockerfile": "FROM pier-test/busybox:latest\nCOPY . /ctx\nCMD [\"ls\", \"-a\", \"/ctx\"]\n",
                "work/app/served.txt": "from git\n", "work/README": "outside the context\n",
            ]
        ) { project in
            await project.onCleanUp { _ = try? await project.docker("rmi", "-f", "\(project.name)-web") }
            let git = "git -c user.name=pier -c user.email=pier@example.com"
            try await Self.shell(
                "cd work && \(git) init -q -b main && \(git) add -A && \(git) commit -qm one && git branch release"
                    + " && echo later > app/later.txt && \(git) add -A && \(git) commit -qm two"
                    + " && git clone -q --bare . ../served/repo.git && git -C ../served/repo.git update-server-info",
                in: project.directory)
            // A port the kernel picks, printed once the server listens (a random one may be a container's proxy).
            let server = [
                "python3", "-c",
                "import http.server as h; s = h.ThreadingHTTPServer(('127.0.0.1', 0), h.SimpleHTTPRequestHandler); "
                    + "print(s.server_address[1], flush=True); s.serve_forever()",
            ]
            try await TestSupport.launch(
                URL(fileURLWithPath: "/usr/bin/env"), server, in: project.directory.appendingPathComponent("served"),
                environment: ProcessInfo.processInfo.environment
            ) { server in
                let announced = await server.waitForOutput(containing: "\n", seconds: 10)
                let port = try #require(
                    Int(announced.trimmingCharacters(in: .whitespacesAndNewlines)), "the git HTTP server did not start")
                try "services:\n  web:\n    build: http://127.0.0.1:\(port)/repo.git#release:app\n".write(
                    to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)

                let build = try await project.pier("build")
                #expect(build.status == 0, "\(build.stderr)")
                // The release branch (without later.txt), its app directory only, without the repository's .git.
                let listing = try await project.docker("run", "--rm", "\(project.name)-web").stdout
                #expect(listing.split(separator: "\n").sorted() == [".", "..", "Dockerfile", "served.txt"])

                try FileManager.default.removeItem(at: project.directory.appendingPathComponent("served/repo.git"))
                let missing = try await project.pier("build")
                #expect(missing.status == 1)
                #expect(missing.stderr.contains("service \"web\": cannot fetch the build context"), "\(missing.stderr)")
            }
        }
    }
}
