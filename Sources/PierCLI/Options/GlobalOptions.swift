import ArgumentParser
import ComposeSpec
import Foundation

/// The flags every command shares, named as Docker Compose names them, hidden ones included: the deprecated
/// ones it still takes (`--no-ansi`, `--workdir`, `--verbose`, `-v`) and the docker CLI's that choose the engine
/// (`-H`, `--context`, `--tls*`, `--log-level`, `-D`), which `docker compose` passes on in plugin mode.
struct GlobalOptions: ParsableArguments {
    @Option(name: [.customShort("f", allowingJoined: true), .customLong("file")], help: "Compose configuration files.")
    var files: [String] = []

    @Option(name: [.customShort("p", allowingJoined: true), .customLong("project-name")], help: "Project name.")
    var projectName: String?

    @Option(name: .customLong("profile"), help: "Specify a profile to enable.")
    var profiles: [String] = []

    @Option(name: .customLong("env-file"), help: "Specify an alternate environment file.")
    var envFiles: [String] = []

    @Option(name: .customLong("project-directory"), help: "Specify an alternate working directory.")
    var projectDirectory: String?

    @Option(name: .customLong("workdir"), help: .hidden)
    var workdir: String?

    @Option(
        name: .customLong("ansi"),
        help: "Control when to print ANSI control characters (\"never\"|\"always\"|\"auto\").")
    var ansiFlag: String?

    @Flag(name: .customLong("no-ansi"), help: .hidden)
    var noAnsi = false

    @Option(name: .customLong("progress"), help: "Set type of progress output (auto, tty, plain, json, quiet).")
    var progress: String?

    @Option(name: .customLong("parallel"), parsing: .unconditional, help: "Control max parallelism, -1 for unlimited.")
    var parallel: Int?

    @Flag(name: .customLong("compatibility"), help: "Run compose in backward compatibility mode.")
    var compatibility = false

    @Flag(name: .customLong("dry-run"), help: "Execute command in dry run mode.")
    var dryRun = false

    @Flag(name: .customLong("all-resources"), help: "Include all resources, even those not used by services.")
    var allResources = false

    @Flag(name: .customLong("verbose"), help: .hidden)
    var verbose = false

    @Flag(name: [.customShort("v"), .customLong("version")], help: .hidden)
    var version = false

    @Option(name: [.customShort("l", allowingJoined: true), .customLong("log-level")], help: .hidden)
    var logLevel: String?

    @Flag(name: [.customShort("D"), .customLong("debug")], help: .hidden)
    var debug = false

    @Option(name: [.customShort("c", allowingJoined: true), .customLong("context")], help: .hidden)
    var context: String?

    @Option(name: [.customShort("H", allowingJoined: true), .customLong("host")], help: .hidden)
    var hosts: [String] = []

    @Option(name: .customLong("config"), help: .hidden)
    var dockerConfig: String?

    @Flag(name: .customLong("tls"), help: .hidden)
    var tls = false

    @Option(name: .customLong("tlscacert"), help: .hidden)
    var tlsCACertificate: String?

    @Option(name: .customLong("tlscert"), help: .hidden)
    var tlsCertificate: String?

    @Option(name: .customLong("tlskey"), help: .hidden)
    var tlsKey: String?

    @Flag(name: .customLong("tlsverify"), help: .hidden)
    var tlsVerify = false

    /// `--ansi`, else `COMPOSE_ANSI` once resolved (``resolved(variables:)``), else `auto`.
    var ansi: String {
        get { ansiFlag ?? "auto" }
        set { ansiFlag = newValue }
    }

    /// The global flags of this invocation: given before the command's name, as with `docker compose`.
    @TaskLocal static var current = none

    /// No global flag given.
    static var none: GlobalOptions {
        // Parsed, not `init()`: ArgumentParser gives an option without a default value only when parsing.
        (try? GlobalCommand.parse([]).options) ?? GlobalOptions()
    }

    /// The flags that take a value, to tell them from the command's name while splitting the command line.
    static let valuedFlags: Set<String> = [
        "-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory", "--workdir", "--ansi",
        "--progress", "--parallel", "-l", "--log-level", "-c", "--context", "-H", "--host", "--config", "--tlscacert",
        "--tlscert", "--tlskey",
    ]

    /// Splits `arguments` into the global flags before the command and the rest. After `-v` (`--version`), the
    /// rest is the `version` command's.
    static func split(_ arguments: [String]) -> (global: [String], rest: [String]) {
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "-",
            !["-h", "--help", "--experimental-dump-help"].contains(arguments[index]),
            !arguments[index].hasPrefix("--generate-completion-script")
        {
            let flag = arguments[index]
            index += valuedFlags.contains(flag) ? 2 : 1
            if flag == "-v" || flag == "--version" { break }
        }
        let end = min(index, arguments.count)
        return (Array(arguments[..<end]), Array(arguments[end...]))
    }

    /// The loader's options for these flags in the current process environment and directory.
    func projectOptions(services: [String] = []) -> ProjectOptions {
        var options = ProjectOptions(
            environment: ProcessInfo.processInfo.environment,
            workingDirectory: FileManager.default.currentDirectoryPath)
        options.files = files
        options.projectName = projectName
        options.profiles = profiles.flatMap { $0.split(separator: ",").map(String.init) }
        options.envFiles = envFiles
        options.projectDirectory = projectDirectory
        options.selectedServices = services
        options.allResources = allResources
        options.remoteFiles = RemoteProjects.fetched(files)
        options.readStandardInput = {
            // One byte more than the loader takes, so that it can tell the input is too large.
            var data = Data()
            while data.count <= LoaderLimits.fileSize {
                let chunk = FileHandle.standardInput.readData(ofLength: 1 << 20)
                if chunk.isEmpty { break }
                data += chunk
            }
            return String(decoding: data, as: UTF8.self)
        }
        return options
    }
}
