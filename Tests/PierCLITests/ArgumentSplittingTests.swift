import Testing

@testable import PierCLI

/// Global flags are read before the command's name, so the commands' own short flags (`logs -f`, `rm -f`) stay
/// theirs, as with `docker compose`.
struct ArgumentSplittingTests {
    @Test(arguments: [
        (["ps"], [], ["ps"]),
        (["-f", "a.yaml", "-p", "demo", "ps", "-a"], ["-f", "a.yaml", "-p", "demo"], ["ps", "-a"]),
        (["logs", "-f", "web"], [], ["logs", "-f", "web"]),
        (
            ["--ansi", "never", "--progress", "plain", "up", "-d"], ["--ansi", "never", "--progress", "plain"],
            ["up", "-d"]
        ),
        (["--parallel", "-1", "build"], ["--parallel", "-1"], ["build"]),
        (["--profile=debug", "up"], ["--profile=debug"], ["up"]),
        (
            ["--project-directory", "/srv", "--env-file", ".env.prod", "config"],
            ["--project-directory", "/srv", "--env-file", ".env.prod"], ["config"]
        ),
        (["--help"], [], ["--help"]),
        (["-p", "demo", "--version"], ["-p", "demo", "--version"], []),
        (["--version", "--short"], ["--version"], ["--short"]),
        (
            ["-H", "unix:///x.sock", "--context", "default", "ps"], ["-H", "unix:///x.sock", "--context", "default"],
            ["ps"]
        ),
        (["-p"], ["-p"], []),
        (["cp", "-", "web:/tmp"], [], ["cp", "-", "web:/tmp"]),
        // --dry-run persists after the command's name, as in the reference.
        (["up", "--dry-run", "-d"], ["--dry-run"], ["up", "-d"]),
        (["-p", "x", "down", "-v", "--dry-run"], ["-p", "x", "--dry-run"], ["down", "-v"]),
        (["run", "--dry-run", "web", "echo", "--dry-run"], ["--dry-run"], ["run", "web", "echo", "--dry-run"]),
        (["exec", "web", "sh", "--dry-run"], [], ["exec", "web", "sh", "--dry-run"]),
        (["lint", "--fix", "--dry-run"], [], ["lint", "--fix", "--dry-run"]),
        (["up", "--", "--dry-run"], [], ["up", "--", "--dry-run"]),
    ])
    func splitsGlobalFlagsFromTheCommand(arguments: [String], global: [String], rest: [String]) {
        let split = GlobalOptions.split(arguments)
        #expect(split.global == global)
        #expect(split.rest == rest)
    }

    @Test func globalFlagsAreParsedAsComposeNamesThem() throws {
        let options = try GlobalOptions.parse([
            "-f", "a.yaml", "--file", "b.yaml", "-p", "demo", "--profile", "one,two", "--profile", "three",
            "--env-file", "x.env", "--parallel", "2",
        ])
        #expect(options.files == ["a.yaml", "b.yaml"])
        #expect(options.projectName == "demo")
        #expect(options.parallel == 2)
        let project = options.projectOptions(services: ["web"])
        #expect(project.profiles == ["one", "two", "three"])
        #expect(project.envFiles == ["x.env"])
        #expect(project.selectedServices == ["web"])
    }
}
