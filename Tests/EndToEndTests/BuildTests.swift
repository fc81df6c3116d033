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
            _ = try? project.docker("rmi", "-f", "\(project.name)-web")
            project.cleanUp()  // last: it deletes the directory docker runs in
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
            _ = try? project.docker("rmi", "-f", "\(project.name)-web")
            project.cleanUp()  // last: it deletes the directory docker runs in
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

    @Test func dockerfileInlineAndADockerfileOutsideTheContext() throws {
        let project = try ScratchProject(
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
            ])
        defer {
            _ = try? project.docker("rmi", "-f", "\(project.name)-inline", "\(project.name)-outside")
            project.cleanUp()  // last: it deletes the directory docker runs in
        }
        let build = try project.pier("build", "-q")
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.isEmpty)
        // The generated Dockerfile (and the .dockerignore keeping it out) are not copied; the user's own file
        // with the generated name is.
        let listing = try project.docker("run", "--rm", "\(project.name)-inline").stdout
        #expect(listing.split(separator: "\n").sorted() == [".", "..", ".pier-dockerfile-inline", "keep.txt"])
        #expect(try project.docker("run", "--rm", "\(project.name)-outside").stdout == "keep\n")
    }

    @Test(arguments: [
        ("platforms: [linux/amd64, linux/arm64]", "build.platforms"),
        ("additional_contexts: {extra: ./app}", "build.additional_contexts"),
        ("ssh: [default]", "build.ssh"),
        ("secrets: [token]", "build.secrets"),
        ("privileged: true", "build.privileged"),
    ])
    func buildKitOnlyAttributesAreRefused(attribute: String, name: String) throws {
        let project = try ScratchProject(
            """
            services:
              web:
                build: {context: ./app, \(attribute)}
            secrets:
              token: {environment: HOME}
            """, files: ["app/Dockerfile": "FROM pier-test/busybox:latest\n"])
        defer { project.cleanUp() }
        let build = try project.pier("build")
        #expect(build.status == 1)
        #expect(build.stderr.contains("service \"web\": \(name) needs BuildKit"), "\(build.stderr)")
        #expect(try project.docker("image", "inspect", "\(project.name)-web").status != 0)
    }

    @Test func withDependenciesAndAParallelLimit() throws {
        let project = try ScratchProject(
            """
            services:
              front: {build: ./app, depends_on: [back]}
              back: {build: ./app, depends_on: [db]}
              db: {image: pier-test/busybox:latest}
              other: {build: ./app}
            """, files: ["app/Dockerfile": "FROM pier-test/busybox:latest\nRUN echo built\n"])
        let images = ["front", "back", "other"].map { "\(project.name)-\($0)" }
        defer {
            _ = try? project.docker(["rmi", "-f"] + images)
            project.cleanUp()  // last: it deletes the directory docker runs in
        }
        func built() throws -> [Bool] {
            try images.map { try project.docker("image", "inspect", $0).status == 0 }
        }
        let alone = try project.pier("--progress", "plain", "build", "front")
        #expect(alone.status == 0, "\(alone.stderr)")
        #expect(!alone.stdout.contains("front  | "), "one service: the engine's output as is")
        #expect(try built() == [true, false, false])
        let withDependencies = try project.pier(
            "--parallel", "1", "--progress", "plain", "build", "--with-dependencies", "front")
        #expect(withDependencies.status == 0, "\(withDependencies.stderr)")
        #expect(withDependencies.stdout.contains("back   | Step 1/"))
        #expect(try built() == [true, true, false])

        let unlimited = try project.pier("--parallel", "-1", "build", "front")
        #expect(unlimited.status == 0, "\(unlimited.stderr)")

        var environment = project.environment
        environment["COMPOSE_PARALLEL_LIMIT"] = "many"
        let invalid = try TestSupport.run(
            TestSupport.pierBinary, ["build"], in: project.directory, environment: environment)
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("COMPOSE_PARALLEL_LIMIT must be an integer (found: \"many\")"))
        environment["COMPOSE_PARALLEL_LIMIT"] = "2"
        let all = try TestSupport.run(
            TestSupport.pierBinary, ["build"], in: project.directory, environment: environment)
        #expect(all.status == 0, "\(all.stderr)")
        #expect(try built() == [true, true, true])
    }

    @Test(arguments: [["--ssh", "default"], ["--check"], ["--print"], ["--memory", "lots"]])
    func flagsTheClassicBuilderLacksAreRefused(flags: [String]) throws {
        let project = try ScratchProject(
            "services:\n  web: {build: ./app}\n", files: ["app/Dockerfile": "FROM pier-test/busybox:latest\n"])
        defer { project.cleanUp() }
        let result = try TestSupport.run(
            TestSupport.pierBinary, ["build"] + flags, in: project.directory, environment: project.environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains(flags[0]), "\(result.stderr)")
    }
}

/// A build context in a git repository served over HTTP from a scratch directory.
@Suite(.enabled(if: EngineSupport.enabled, EngineSupport.skipMessage))
struct GitContextBuildTests {
    /// Runs `command` in `directory` and expects it to succeed.
    static func shell(_ command: String, in directory: URL) throws {
        let result = try TestSupport.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", command], in: directory,
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(command): \(result.stderr)")
    }

    @Test func aGitRepositoryAtABranchAndSubdirectory() throws {
        let project = try ScratchProject(
            "services: {}\n",
            files: [
                "work/app/Dockerfile": "FROM pier-test/busybox:latest\nCOPY . /ctx\nCMD [\"ls\", \"-a\", \"/ctx\"]\n",
                "work/app/served.txt": "from git\n", "work/README": "outside the context\n",
            ])
        let server = Process()
        defer {
            server.terminate()
            _ = try? project.docker("rmi", "-f", "\(project.name)-web")
            project.cleanUp()
        }
        let git = "git -c user.name=pier -c user.email=pier@example.com"
        try Self.shell(
            "cd work && \(git) init -q -b main && \(git) add -A && \(git) commit -qm one && git branch release"
                + " && echo later > app/later.txt && \(git) add -A && \(git) commit -qm two"
                + " && git clone -q --bare . ../served/repo.git && git -C ../served/repo.git update-server-info",
            in: project.directory)
        // A port the kernel picks, printed once the server listens (a random one may be a container's proxy).
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = [
            "python3", "-c",
            "import http.server as h; s = h.ThreadingHTTPServer(('127.0.0.1', 0), h.SimpleHTTPRequestHandler); "
                + "print(s.server_address[1], flush=True); s.serve_forever()",
        ]
        server.currentDirectoryURL = project.directory.appendingPathComponent("served")
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        var announced = Data()
        while !announced.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            try #require(!chunk.isEmpty, "the git HTTP server did not start")
            announced.append(chunk)
        }
        let port = try #require(
            Int(String(decoding: announced, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        try "services:\n  web:\n    build: http://127.0.0.1:\(port)/repo.git#release:app\n".write(
            to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)

        let build = try project.pier("build")
        #expect(build.status == 0, "\(build.stderr)")
        // The release branch (without later.txt), its app directory only, without the repository's .git.
        let listing = try project.docker("run", "--rm", "\(project.name)-web").stdout
        #expect(listing.split(separator: "\n").sorted() == [".", "..", "Dockerfile", "served.txt"])

        try FileManager.default.removeItem(at: project.directory.appendingPathComponent("served/repo.git"))
        let missing = try project.pier("build")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("service \"web\": cannot fetch the build context"), "\(missing.stderr)")
    }
}
