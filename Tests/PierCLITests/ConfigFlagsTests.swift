import Testing

@testable import PierCLI

/// `config`'s flags and the global ones that change what it prints; the expected texts are the reference's
/// (Docker Compose v2.40.3) on the same files, but where `docs/compatibility.md` says otherwise.
struct ConfigFlagsTests {
    static let compose = """
        services:
          web:
            image: busybox
            models: [llm]
          app:
            build: .
        networks:
          unused: {}
        models:
          llm:
            model: ai/smollm2
          second:
            model: ai/x

        """

    @Test func modelsListsTheModelEachNames() async throws {
        let project = try ProjectDirectory(Self.compose)
        defer { project.remove() }
        #expect(await CommandRun.run("-f", project.file, "config", "--models").output == "ai/smollm2\n")
        // Unused ones are kept with --all-resources.
        let all = await CommandRun.run("-f", project.file, "--all-resources", "config", "--models")
        #expect(all.output == "ai/smollm2\nai/x\n")
    }

    @Test func allResourcesKeepsWhatNoServiceUses() async throws {
        let project = try ProjectDirectory(Self.compose)
        defer { project.remove() }
        let run = await CommandRun.run("-f", project.file, "-p", "demo", "--all-resources", "config", "--networks")
        #expect(run.output == "default\nunused\n")
        #expect(await CommandRun.run("-f", project.file, "config", "--networks").output == "default\n")
    }

    @Test func compatibilityJoinsNamesWithUnderscores() async throws {
        let project = try ProjectDirectory(Self.compose)
        defer { project.remove() }
        let run = await CommandRun.run("-f", project.file, "-p", "demo", "--compatibility", "config", "--images")
        #expect(run.output == "demo_app\nbusybox\n")
        #expect(
            await CommandRun.run("-f", project.file, "-p", "demo", "config", "--images").output == "demo-app\nbusybox\n"
        )
    }

    /// Pier leaves env files unread, as the flag says; the reference reads them anyway (see
    /// docs/compatibility.md).
    @Test func noEnvResolutionLeavesEnvFilesAsFiles() async throws {
        let project = try ProjectDirectory(
            "services:\n  web:\n    image: busybox\n    env_file: [app.env]\n    environment:\n      X: \"1\"\n")
        defer { project.remove() }
        try "B=2\n".write(toFile: project.path + "/app.env", atomically: true, encoding: .utf8)
        let run = await CommandRun.run("-f", project.file, "-p", "demo", "config", "--no-env-resolution")
        #expect(run.status == 0)
        #expect(
            run.output == """
                name: demo
                services:
                  web:
                    environment:
                      X: "1"
                    env_file:
                      - path: \(project.path)/app.env
                        required: true
                    image: busybox
                    networks:
                      default: null
                networks:
                  default:
                    name: demo_default

                """)
        let resolved = await CommandRun.run("-f", project.file, "-p", "demo", "config")
        #expect(resolved.output.contains("B: \"2\""))
    }
}
