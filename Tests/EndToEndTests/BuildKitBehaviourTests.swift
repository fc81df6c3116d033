import Foundation
import PierTestSupport
import Testing

/// How BuildKit builds behave beyond what they build: failures named, a rebuild that sends only what changed,
/// Ctrl+C reaching the engine, and the classic builder when asked for.
@Suite(.requiresEngine)
struct BuildKitBehaviourTests {
    @Test func aFailingStepShowsItsOutputAndTheService() async throws {
        try await ScratchProject.with(
            "services:\n  api:\n    build: .\n",
            files: ["Dockerfile": "FROM pier-test/busybox\nRUN echo preparing && echo boom-output >&2 && exit 3\n"]
        ) { project in
            let build = try await project.pier("--progress", "plain", "build")
            #expect(build.status == 1)
            #expect(build.stderr.contains("service \"api\": build failed"), "\(build.stderr)")
            #expect(build.stderr.contains("exit code: 3"), "\(build.stderr)")
            // The failing step's output, in the plain output and again in the error.
            #expect(build.stdout.contains("boom-output"), "\(build.stdout)")
            #expect(build.stderr.contains("> [api 2/2] RUN echo preparing"), "\(build.stderr)")
            #expect(build.stderr.contains("boom-output"), "\(build.stderr)")
        }
    }

    @Test func aSecretTheBuildNeedsButTheServiceDoesNotGiveIsNamed() async throws {
        try await ScratchProject.with(
            "services:\n  api:\n    build: .\n",
            files: [
                "Dockerfile":
                    "FROM pier-test/busybox\nRUN --mount=type=secret,id=npm_token,required cat /run/secrets/npm_token\n"
            ]
        ) { project in
            let build = try await project.pier("--progress", "plain", "build")
            #expect(build.status == 1)
            #expect(build.stderr.contains("service \"api\""), "\(build.stderr)")
            #expect(build.stderr.contains("npm_token"), "\(build.stderr)")
        }
    }

    @Test func aSecretWhoseFileIsMissingIsNamed() async throws {
        try await ScratchProject.with(
            """
            services:
              api:
                build: {context: ., secrets: [npm_token]}
            secrets:
              npm_token: {file: ./missing-token.txt}
            """,
            files: [
                "Dockerfile":
                    "FROM pier-test/busybox\nRUN --mount=type=secret,id=npm_token,required cat /run/secrets/npm_token\n"
            ]
        ) { project in
            let build = try await project.pier("--progress", "plain", "build")
            #expect(build.status == 1)
            #expect(build.stderr.contains("service \"api\""), "\(build.stderr)")
            #expect(build.stderr.contains("npm_token"), "\(build.stderr)")
            #expect(build.stderr.contains("missing-token.txt"), "\(build.stderr)")
        }
    }

    @Test func anSSHMountWithoutAnAgentIsAClearError() async throws {
        try await ScratchProject.with(
            "services:\n  api:\n    build: {context: ., ssh: [default]}\n",
            files: ["Dockerfile": "FROM pier-test/busybox\nRUN --mount=type=ssh true\n"]
        ) { project in
            let build = try await project.pier(["--progress", "plain", "build"], environment: ["SSH_AUTH_SOCK": ""])
            #expect(build.status == 1)
            #expect(build.stderr.contains("service \"api\""), "\(build.stderr)")
            #expect(build.stderr.contains("SSH_AUTH_SOCK is not set"), "\(build.stderr)")
        }
        // A Dockerfile that mounts an agent the service does not forward.
        try await ScratchProject.with(
            "services:\n  api:\n    build: .\n",
            files: ["Dockerfile": "FROM pier-test/busybox\nRUN --mount=type=ssh,required true\n"]
        ) { project in
            let build = try await project.pier("--progress", "plain", "build")
            #expect(build.status == 1)
            #expect(build.stderr.contains("service \"api\""), "\(build.stderr)")
            #expect(build.stderr.lowercased().contains("ssh"), "\(build.stderr)")
        }
    }

    /// A rebuild after one file of a large context changed sends that file only: BuildKit keeps what the session
    /// sent before under the same shared key, and says how much it transferred.
    @Test func aRebuildSendsOnlyWhatChanged() async throws {
        var files = ["Dockerfile": "FROM pier-test/busybox\nCOPY . /ctx\n"]
        let block = String(repeating: "0123456789abcdef", count: 4096)  // 64 KiB a file
        for index in 0..<64 { files["data/\(index).txt"] = "\(index)\n" + block }
        try await ScratchProject.with("services:\n  app:\n    build: .\n", files: files) { project in
            let first = try await project.pier("--progress", "plain", "build")
            #expect(first.status == 0, "\(first.stderr)")
            #expect(Self.transferred(first.stdout) > 4_000_000, "\(first.stdout)")
            try "changed\n".write(
                to: project.directory.appendingPathComponent("data/7.txt"), atomically: true, encoding: .utf8)
            let second = try await project.pier("--progress", "plain", "build")
            #expect(second.status == 0, "\(second.stderr)")
            #expect(Self.transferred(second.stdout) < 100_000, "\(second.stdout)")
            try await project.docker("rmi", "-f", "\(project.name)-app")
        }
    }

    /// The bytes of the context BuildKit reports (`#5 transferring context: 4.21MB 0.3s done`).
    static func transferred(_ output: String) -> Double {
        guard let line = output.split(separator: "\n").last(where: { $0.contains("transferring context:") }) else {
            return -1
        }
        let words = line.split(separator: " ")
        guard let index = words.firstIndex(of: "context:"), index + 1 < words.count else { return -1 }
        let size = words[index + 1]
        let units: [(String, Double)] = [("kB", 1e3), ("MB", 1e6), ("GB", 1e9), ("B", 1)]
        for (unit, factor) in units where size.hasSuffix(unit) {
            return (Double(size.dropLast(unit.count)) ?? -1) * factor
        }
        return -1
    }

    /// Ctrl+C on `pier build` cancels the build on the engine: the step's process ends with Pier.
    @Test func interruptingABuildCancelsItOnTheEngine() async throws {
        // The shell writes the marker, so it appears only once the step runs (not in the step's name).
        // A duration no other test sleeps for: the check looks at every process of the machine.
        let marker = "pier-cancel-2"
        try await ScratchProject.with(
            "services:\n  slow:\n    build: .\n",
            files: ["Dockerfile": "FROM pier-test/busybox\nRUN echo pier-cancel-$((1+1)) && sleep 3007\n"]
        ) { project in
            let result = try await project.launch(["--progress", "plain", "build"], mergesErrors: true) {
                command throws in
                _ = await command.waitForOutput(containing: marker, seconds: 60)
                #expect(try await Self.processRunning("sleep 3007"))
                command.send(SIGINT)
                #expect(await command.waitForExit(seconds: 20), "pier build did not end after Ctrl+C")
            }
            #expect(result.status != 0)
            var running = true
            for _ in 0..<50 where running {
                try await Task.sleep(for: .milliseconds(200))
                running = try await Self.processRunning("sleep 3007")
            }
            #expect(!running, "the build's step still runs on the engine after Ctrl+C")
        }
    }

    /// Whether a process whose command line is `text` runs on this machine (BuildKit runs steps as processes of
    /// the host, in their own namespaces).
    static func processRunning(_ text: String) async throws -> Bool {
        let result = try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/pgrep"), ["-f", "^" + text], in: TestSupport.repositoryRoot,
            environment: ["PATH": "/usr/bin:/bin"])
        return result.status == 0
    }

    @Test func dockerBuildKitZeroBuildsWithTheClassicBuilder() async throws {
        try await ScratchProject.with(
            "services:\n  app:\n    build: .\n", files: ["Dockerfile": "FROM pier-test/busybox\nRUN echo classic\n"]
        ) { project in
            let build = try await project.pier(["--progress", "plain", "build"], environment: ["DOCKER_BUILDKIT": "0"])
            #expect(build.status == 0, "\(build.stderr)")
            #expect(build.stdout.contains("Step 1/3 : FROM pier-test/busybox"), "\(build.stdout)")
            let buildKit = try await project.pier("--progress", "plain", "build")
            #expect(buildKit.stdout.contains("[app internal] load build definition"), "\(buildKit.stdout)")
            try await project.docker("rmi", "-f", "\(project.name)-app")
        }
    }

    /// A non-native platform (`linux/arm64` on an amd64 host) through QEMU: the image is arm64 and its steps ran
    /// as arm64, for Pier as for the reference.
    @Test(
        .requiresReference,
        .requiresImage("pier-test/busybox:arm64", remedy: "scripts/foreign-platform.sh (QEMU and an arm64 test image)"))
    func aForeignPlatformBuildsThroughQEMU() async throws {
        try await ScratchProject.with(
            "services:\n  app:\n    build: {context: ., platforms: [linux/arm64]}\n    platform: linux/arm64\n",
            files: ["Dockerfile": "FROM pier-test/busybox:arm64\nRUN uname -m > /arch\n"]
        ) { project in
            let build = try await project.pier("--progress", "plain", "build")
            #expect(build.status == 0, "\(build.stderr)")
            let arch = try await project.pier("run", "--rm", "-T", "app", "cat", "/arch")
            #expect(arch.stdout == "aarch64\n", "\(arch.stderr)")
            let reference = try await project.reference("-p", project.name + "ref", "--progress", "plain", "build")
            #expect(reference.status == 0, "\(reference.stderr)")
            try await project.docker("rmi", "-f", "\(project.name)-app", "\(project.name)ref-app")
        }
    }
}
