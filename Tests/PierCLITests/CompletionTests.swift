import Testing

@testable import PierCLI

/// What the shell completions offer, in cobra's protocol, from a project and engine stood in for.
struct CompletionTests {
    struct Source: CompletionSource {
        func services(running: Bool, global: [String]) async -> [String] {
            running ? ["web"] : ["db", "web", global.contains("--profile") ? "debug" : "worker"]
        }
        func profiles(global: [String]) async -> [String] { ["debug", "tools"] }
        func projects() async -> [String] { ["demo", "other"] }
        func replicaNumbers(service: String?, global: [String]) async -> [String] {
            service == "web" ? ["1", "2"] : []
        }
    }

    static func complete(_ words: String...) async -> String {
        await CompletionCandidates.complete(words, source: Source()).text
    }

    @Test func commandsAndFlags() async {
        #expect(await Self.complete("sc").hasPrefix("scale\tScale services\n"))
        #expect(!(await Self.complete("").contains("__complete")))
        #expect(
            await Self.complete("up", "--abort-on-container-f") == "--abort-on-container-failure\t"
                + "Stops all containers if any container exited with failure.\n:4\n")
        #expect(await Self.complete("--comp") == "--compatibility\tRun compose in backward compatibility mode.\n:4\n")
    }

    @Test func servicesProfilesAndProjects() async {
        #expect(await Self.complete("logs", "") == "db\nweb\nworker\n:4\n")
        // Commands that act on running containers offer the services that have one.
        #expect(await Self.complete("exec", "") == "web\n:4\n")
        #expect(await Self.complete("--profile", "t") == "tools\n:4\n")
        #expect(await Self.complete("-p", "") == "demo\nother\n:4\n")
        #expect(await Self.complete("--profile", "debug", "up", "d") == "db\ndebug\n:4\n")
        #expect(await Self.complete("exec", "web", "--index", "") == "1\n2\n:4\n")
    }

    @Test func valuesOfFlagsAndFiles() async {
        #expect(await Self.complete("-f", "") == "yaml\nyml\n:8\n")
        #expect(await Self.complete("--project-directory", "") == ":16\n")
        #expect(await Self.complete("--progress=p") == "--progress=plain\n:4\n")
        #expect(await Self.complete("up", "--pull", "m") == "missing\n:4\n")
        #expect(await Self.complete("scale", "w") == "web=\nworker=\n:6\n")
        // After exec's service, the container's command: the shell completes file names.
        #expect(await Self.complete("exec", "web", "") == ":0\n")
    }
}
