import ArgumentParser
import Testing

@testable import PierCLI

/// Command lines as Docker Compose's parser (cobra) takes them: glued short options, boolean flags with a value,
/// the docker CLI plugin form, and the global flags checked before any command runs.
struct CommandLineFormsTests {
    @Test func gluedShortOptionsTakeTheirValue() throws {
        let global = try GlobalCommand.parse(["-fcompose.yaml", "-pfoo", "-Hunix:///x.sock"]).options
        #expect(global.files == ["compose.yaml"])
        #expect(global.projectName == "foo")
        #expect(global.hosts == ["unix:///x.sock"])
        #expect(try #require(Pier.parseAsRoot(["up", "-t0"]) as? Up).timeout == 0)
        #expect(try #require(Pier.parseAsRoot(["stop", "-t5"]) as? Stop).timeout == 5)
        #expect(try #require(Pier.parseAsRoot(["down", "-t0", "web"]) as? Down).timeout == 0)
        #expect(try #require(Pier.parseAsRoot(["logs", "-n5"]) as? Logs).tail == "5")
        #expect(try #require(Pier.parseAsRoot(["exec", "-uroot", "web", "id"]) as? Exec).user == "root")
        #expect(try #require(Pier.parseAsRoot(["kill", "-sSIGTERM"]) as? Kill).signal == "SIGTERM")
    }

    /// The split stops at the command, so `logs -f` stays the command's own flag.
    @Test func gluedGlobalOptionsAreSplitFromTheCommand() {
        let split = GlobalOptions.split(["-fcompose.yaml", "-pdemo", "logs", "-f"])
        #expect(split.global == ["-fcompose.yaml", "-pdemo"])
        #expect(split.rest == ["logs", "-f"])
    }

    @Test func booleanFlagsTakeGoBooleanValues() throws {
        let up = try #require(CommandCatalog.pier.command("up"))
        #expect(try CommandLineForms.booleanValues(["--detach=true", "web"], command: up) == ["--detach", "web"])
        #expect(try CommandLineForms.booleanValues(["--detach=false", "web"], command: up) == ["web"])
        // A flag whose negation exists is set to false explicitly.
        #expect(try CommandLineForms.booleanValues(["--menu=false"], command: up) == ["--no-menu"])
        // Options keep their `=value`; a flag's value is never read as a flag.
        #expect(try CommandLineForms.booleanValues(["--scale=web=2"], command: up) == ["--scale=web=2"])
        #expect(throws: CommandFailure.self) { try CommandLineForms.booleanValues(["--detach=maybe"], command: up) }
        // After `exec`'s service, flags belong to the container's command.
        let exec = try #require(CommandCatalog.pier.command("exec"))
        #expect(
            try CommandLineForms.booleanValues(["-T", "web", "ls", "--color=false"], command: exec)
                == ["-T", "web", "ls", "--color=false"])
    }

    @Test func aBadBooleanValueIsRefusedAsCobraRefusesIt() async {
        let run = await CommandRun.run("up", "--detach=maybe")
        #expect(run.status == 1)
        #expect(
            run.error
                == "invalid argument \"maybe\" for \"-d, --detach\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\n"
        )
        let global = await CommandRun.run("--compatibility=1", "--verbose=false", "version", "--short")
        #expect(global.status == 0)
        #expect(global.output == "2.40.3\n")
    }

    @Test func anUnknownProgressModeIsRefusedBeforeAnythingRuns() async {
        let run = await CommandRun.run("--progress", "bogus", "ps")
        #expect(run.status == 1)
        #expect(run.error == "unsupported --progress value \"bogus\"\n")
        // As with the reference, `version` does not check it.
        #expect(await CommandRun.run("--progress", "bogus", "version").status == 0)
        let tty = await CommandRun.run("--progress", "tty", "--ansi", "never", "ps")
        #expect(tty.error == "can't use --progress tty while ANSI support is disabled\n")
        let plain = await CommandRun.run("--progress", "plain", "--ansi", "always", "ps")
        #expect(plain.error == "can't use --progress plain while ANSI support is forced\n")
    }

    @Test func variablesStandInForTheFlagsNotGiven() throws {
        let variables = ComposeVariables(values: ["COMPOSE_PROGRESS": "bogus", "COMPOSE_ANSI": "never"])
        let resolved = try GlobalOptions.none.resolved(variables: variables)
        #expect(resolved.ansi == "never")
        #expect(throws: CommandFailure.self) { try resolved.checkProgress() }
        // The flags win over the variables.
        var flags = GlobalOptions.none
        flags.progress = "plain"
        flags.ansiFlag = "auto"
        let fromFlags = try flags.resolved(variables: variables)
        #expect(fromFlags.progress == "plain")
        #expect(fromFlags.ansi == "auto")
        #expect(
            try GlobalOptions.none.resolved(variables: ComposeVariables(values: ["COMPOSE_PROGRESS": "none"])).progress
                == "quiet")
    }

    @Test func deprecatedGlobalFlagsAreTheirReplacements() throws {
        var noAnsi = GlobalOptions.none
        noAnsi.noAnsi = true
        #expect(try noAnsi.resolved(variables: ComposeVariables(values: [:])).ansi == "never")
        noAnsi.ansiFlag = "always"
        #expect(throws: CommandFailure.self) { try noAnsi.resolved(variables: ComposeVariables(values: [:])) }
        var workdir = GlobalOptions.none
        workdir.workdir = "/srv"
        #expect(try workdir.resolved(variables: ComposeVariables(values: [:])).projectDirectory == "/srv")
        workdir.projectDirectory = "/other"
        #expect(throws: CommandFailure.self) { try workdir.resolved(variables: ComposeVariables(values: [:])) }
    }

    @Test func logLevelsDecideWhatIsPrinted() throws {
        var options = GlobalOptions.none
        #expect(options.logs("warn") && !options.logs("debug"))
        options.logLevel = "error"
        #expect(!options.logs("warn"))
        options.logLevel = "bogus"
        #expect(throws: CommandFailure.self) { try options.resolved(variables: ComposeVariables(values: [:])) }
        options.logLevel = nil
        options.debug = true
        #expect(options.logs("debug"))
    }

    @Test func theDockerCLIRunsPierAsItsComposePlugin() async {
        let environment = ["DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND": "docker"]
        #expect(
            CommandLineForms.plugin(
                ["-H", "unix:///x.sock", "compose", "-p", "demo", "up", "-d"], environment: environment)
                == ["-H", "unix:///x.sock", "-p", "demo", "up", "-d"])
        #expect(CommandLineForms.plugin(["compose", "ps"], environment: [:], executable: "/usr/bin/pier") == nil)
        // Docker CLIs that do not say so in the environment run the plugin under its file's name.
        #expect(
            CommandLineForms.plugin(
                ["compose", "ps"], environment: [:], executable: "/root/.docker/cli-plugins/docker-compose") == ["ps"])
        #expect(CommandLineForms.plugin(["ps"], environment: environment) == nil)
        let metadata = await CommandRun.run("docker-cli-plugin-metadata")
        #expect(metadata.status == 0)
        #expect(metadata.output.contains("\"SchemaVersion\": \"0.1.0\""))
        #expect(metadata.output.contains("\"Version\": \"v2.40.3\""))
    }

    /// The docker CLI's engine flags choose the engine before any command talks to it.
    @Test func engineFlagsChooseTheEngine() async throws {
        let tls = await CommandRun.run("--tlsverify", "--tlscacert", "/nonexistent/ca.pem", "-p", "demo", "ps")
        #expect(tls.status == 1)
        #expect(tls.error.contains("open /nonexistent/ca.pem: no such file or directory"))
        let context = await CommandRun.run("--context", "nosuch-context", "-p", "demo", "ps")
        #expect(context.status == 1)
        #expect(context.error.contains("docker context 'nosuch-context' does not exist"))
        let both = await CommandRun.run("-H", "unix:///x.sock", "--context", "default", "ps")
        #expect(both.error == "conflicting options: cannot specify both --host and --context\n")
        var options = GlobalOptions.none
        options.hosts = ["tcp://10.0.0.1:2375"]
        options.dockerConfig = "/etc/docker-config"
        let environment = EngineSelection.environment(options)
        #expect(environment["DOCKER_HOST"] == "tcp://10.0.0.1:2375")
        #expect(environment["DOCKER_CONFIG"] == "/etc/docker-config")
    }

    /// `--log-level error` hides the loader's warnings; `--verbose` adds debug lines.
    @Test func logLevelsHideWarningsOrAddDebugLines() async throws {
        let project = try ProjectDirectory("version: \"3\"\nservices:\n  web: {image: busybox}\n")
        defer { project.remove() }
        let warned = await CommandRun.run("-f", project.file, "config", "-q")
        #expect(warned.error.contains("WARN[0000]"))
        let quiet = await CommandRun.run("--log-level", "error", "-f", project.file, "config", "-q")
        #expect(quiet.status == 0)
        #expect(quiet.error.isEmpty)
        let verbose = await CommandRun.run("--verbose", "-H", "unix:///nonexistent.sock", "-p", "demo", "ps")
        #expect(verbose.error.hasPrefix("DEBU[0000] engine: unix:///nonexistent.sock\n"))
    }
}
