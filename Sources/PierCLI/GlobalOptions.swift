import ArgumentParser
import ComposeSpec
import Foundation

/// The flags every command shares, named as Docker Compose names them.
struct GlobalOptions: ParsableArguments {
    @Option(name: [.short, .customLong("file")], help: "Compose configuration files.")
    var files: [String] = []

    @Option(name: [.short, .customLong("project-name")], help: "Project name.")
    var projectName: String?

    @Option(name: .customLong("profile"), help: "Specify a profile to enable.")
    var profiles: [String] = []

    @Option(name: .customLong("env-file"), help: "Specify an alternate environment file.")
    var envFiles: [String] = []

    @Option(name: .customLong("project-directory"), help: "Specify an alternate working directory.")
    var projectDirectory: String?

    @Option(name: .customLong("ansi"), help: "Control when to print ANSI control characters (never|always|auto).")
    var ansi: String = "auto"

    @Option(name: .customLong("progress"), help: "Set type of progress output (auto, tty, plain, json, quiet).")
    var progress: String?

    @Option(name: .customLong("parallel"), parsing: .unconditional, help: "Control max parallelism, -1 for unlimited.")
    var parallel: Int?

    /// The global flags of this invocation: given before the command's name, as with `docker compose`.
    @TaskLocal static var current = GlobalOptions()

    /// The flags that take a value, to tell them from the command's name while splitting the command line.
    static let valuedFlags: Set<String> = [
        "-f", "--file", "-p", "--project-name", "--profile", "--env-file", "--project-directory", "--ansi",
        "--progress", "--parallel",
    ]

    /// Splits `arguments` into the global flags before the command and the rest.
    static func split(_ arguments: [String]) -> (global: [String], rest: [String]) {
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-"), arguments[index] != "-",
            !["-h", "--help", "--version"].contains(arguments[index])
        {
            let flag = arguments[index]
            index += valuedFlags.contains(flag) ? 2 : 1
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

/// Prints an error the way users expect from a command-line tool and exits with status 1.
enum Failure {
    static func exit(_ error: ComposeError) -> Never {
        for warning in error.warnings { warn(warning) }
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        Foundation.exit(1)
    }

    static func exit(message: String) -> Never {
        FileHandle.standardError.write(Data(("Error: " + message + "\n").utf8))
        Foundation.exit(1)
    }

    static func warn(_ message: String) {
        FileHandle.standardError.write(Data(("WARN[0000] " + message + "\n").utf8))
    }

    /// The project, its warnings printed; a compose mistake ends the command.
    static func loadProject(_ options: ProjectOptions) -> LoadedProject {
        let project: LoadedProject
        do {
            project = try ProjectLoader.load(options)
        } catch {
            exit(error)
        }
        for warning in project.warnings { warn(warning) }
        return project
    }
}
