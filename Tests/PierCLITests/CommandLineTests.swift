import Testing

@testable import PierCLI

/// Whole command lines run in-process: what they print, where, and the status they end with. The expected texts
/// are the ones the built `pier` printed before commands stopped exiting on their own, and (for `config`) the
/// reference Docker Compose's.
struct CommandLineTests {
    /// The Compose version Pier matches comes first, where tools checking `docker compose version` read it.
    @Test func versionSaysWhichComposeItMatches() async {
        #expect(await CommandRun.run("version").output == "Docker Compose version v2.40.3 (Pier 0.1.0)\n")
        #expect(await CommandRun.run("version", "--short").output == "2.40.3\n")
        #expect(
            await CommandRun.run("version", "--format", "json").output
                == "{\"version\":\"v2.40.3\",\"pier\":\"0.1.0\"}\n")
        #expect(await CommandRun.run("version", "-fjson").output == "{\"version\":\"v2.40.3\",\"pier\":\"0.1.0\"}\n")
        for flag in ["--version", "-v"] {
            let run = await CommandRun.run(flag)
            #expect(run.status == 0)
            #expect(run.output == "Docker Compose version v2.40.3 (Pier 0.1.0)\n")
            #expect(run.error.isEmpty)
        }
        // The rest of the line is the version command's, as with the reference.
        #expect(await CommandRun.run("--version", "--short").output == "2.40.3\n")
        #expect(await CommandRun.run("-v", "ls").status == 1)
    }

    @Test func helpGoesToStandardOutput() async {
        let help = await CommandRun.run()
        #expect(help.status == 0)
        #expect(help.output.contains("SUBCOMMANDS:"))
        #expect(help.error.isEmpty)
        // `--help`, `-h` and `help COMMAND`: the help, on standard output, status 0.
        for line in [["--help"], ["ps", "--help"], ["ps", "-h"], ["help", "ps"]] {
            let run = await CommandRun.run(arguments: line)
            #expect(run.status == 0, "\(line): \(run.error)")
            #expect(run.output.hasPrefix("OVERVIEW: "), "\(line): \(run.output)")
            #expect(run.error.isEmpty, "\(line)")
        }
        #expect(await CommandRun.run("up", "--help").output.contains("--force-recreate"))
    }

    @Test func anUnknownCommandIsAUsageError() async {
        let run = await CommandRun.run("bogus")
        #expect(run.status == 1)
        #expect(
            run.error == "Error: Unexpected argument 'bogus'\nUsage: pier <subcommand>\n"
                + "  See 'pier --help' for more information.\n")
        #expect(run.output.isEmpty)
    }

    @Test func aGlobalFlagWithoutItsValueShowsTheGlobalUsageNamingPier() async {
        let run = await CommandRun.run("-p")
        #expect(run.status == 1)
        #expect(run.error.hasPrefix("Error: Missing value for '-p'\nUsage: pier [--file <file> ...]"))
        #expect(!run.error.contains("global"))
    }

    @Test func flagsAValidateRefusesShowTheCommandsUsage() async {
        let run = await CommandRun.run("up", "-d", "--abort-on-container-exit")
        #expect(run.status == 1)
        #expect(
            run.error == "Error: --detach cannot be combined with --abort-on-container-exit, "
                + "--abort-on-container-failure, --attach, --attach-dependencies or --watch\n"
                + "Usage: pier up [<options>] [<services> ...]\n  See 'pier up --help' for more information.\n")
    }

    /// Failures of read-only commands print their message alone, as Docker Compose does.
    @Test(arguments: [
        (["ps", "--filter", "foo"], "arguments to --filter should be in form KEY=VAL\n"),
        (["ps", "--filter", "source=x"], "not implemented\n"),
        (["ls", "--filter", "status=x"], "invalid filter 'status'\n"),
        (["port", "web", "abc"], "strconv.ParseUint: parsing \"abc\": invalid syntax\n"),
        (["port", "web", "99999999"], "strconv.ParseUint: parsing \"99999999\": value out of range\n"),
        (["-p", "demo", "logs", "--index", "2"], "--index requires one service to be selected\n"),
        (["exec", "web"], "requires at least 2 arg(s), only received 1\n"),
        (["run"], "requires at least 1 arg(s), only received 0\n"),
        (["cp", "a:/x", "b:/y"], "copying between services is not supported\n"),
    ])
    func readCommandFailuresAreBare(arguments: [String], message: String) async {
        let capture = await CommandRun.run(arguments: arguments)
        #expect(capture.status == 1)
        #expect(capture.error == message)
    }

    /// Commands that change the project print theirs alone too, as Docker Compose does.
    @Test func aBuildFlagPierCannotHonourFailsWithItsMessageAlone() async {
        let run = await CommandRun.run("build", "--check")
        #expect(run.status == 1)
        #expect(run.error.hasPrefix("--check runs the Dockerfile frontend's checks, which need BuildKit 0.15"))
    }

    @Test func aValidationErrorThrownWhileRunningShowsTheRootUsage() async {
        let run = await CommandRun.run("up", "--scale", "web")
        #expect(run.status == 1)
        #expect(
            run.error == "Error: invalid --scale web: expected SERVICE=NUM\nUsage: pier <subcommand>\n"
                + "  See 'pier --help' for more information.\n")
    }

    @Test func configPrintsTheCanonicalProject() async throws {
        let project = try ProjectDirectory(
            "services:\n  web:\n    image: pier-test/busybox\n    ports: [\"8080:80\"]\n")
        defer { project.remove() }
        let run = await CommandRun.run("-f", project.file, "-p", "demo", "config")
        #expect(run.status == 0)
        #expect(
            run.output == """
                name: demo
                services:
                  web:
                    image: pier-test/busybox
                    networks:
                      default: null
                    ports:
                      - mode: ingress
                        target: 80
                        published: "8080"
                        protocol: tcp
                networks:
                  default:
                    name: demo_default

                """)
        #expect(await CommandRun.run("-f", project.file, "config", "--services").output == "web\n")
    }

    /// A compose file's mistake is printed alone, with its position, by every command that loads the files.
    @Test(arguments: [["config"], ["ps"], ["down"], ["up", "-d"]])
    func aMistakeInTheFilesIsPrintedWithItsPosition(command: [String]) async throws {
        let project = try ProjectDirectory("services:\n  web:\n    image: 3\n")
        defer { project.remove() }
        let run = await CommandRun.run(arguments: ["-f", project.file] + command)
        #expect(run.status == 1)
        #expect(run.error == "\(project.file):3:12: services.web.image must be a string\n")
    }
}
