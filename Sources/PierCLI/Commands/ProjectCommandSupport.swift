import ComposeSpec
import DockerEngine
import Foundation
import Orchestration

/// The project a read-only command (`ps`, `logs`, `images`…) looks at: its name, and the loaded project when
/// the command loads one. Docker Compose finds it two ways, kept apart here because they fail differently.
struct ProjectTarget {
    let name: String
    let project: LoadedProject?

    /// Compose's `projectOrName`: `-p` without `-f` names the project without reading any file; otherwise the
    /// files are loaded (failing on an unknown service), and when that fails `COMPOSE_PROJECT_NAME` still names it.
    static func load(_ global: GlobalOptions, services: [String] = []) -> ProjectTarget {
        if let name = global.projectName, !name.isEmpty, global.files.isEmpty {
            return ProjectTarget(name: name.lowercased(), project: nil)
        }
        do {
            let project = try ProjectLoader.load(global.projectOptions(services: services))
            return ProjectTarget(name: project.name, project: project)
        } catch {
            if let name = ProcessInfo.processInfo.environment["COMPOSE_PROJECT_NAME"], !name.isEmpty {
                return ProjectTarget(name: name.lowercased(), project: nil)
            }
            ReadCommand.fail(error.description)
        }
    }

    /// Compose's `toProjectName`, for commands that never read the files when they need not (`images`, `top`,
    /// `port`): `-p`, else `COMPOSE_PROJECT_NAME`, else the loaded project's name.
    static func name(_ global: GlobalOptions) -> String {
        if let name = global.projectName, !name.isEmpty { return name.lowercased() }
        if let name = ProcessInfo.processInfo.environment["COMPOSE_PROJECT_NAME"], !name.isEmpty {
            return name.lowercased()
        }
        do {
            return try ProjectLoader.load(global.projectOptions()).name
        } catch {
            ReadCommand.fail(error.description)
        }
    }

    /// The services of the loaded project (active profiles and those selected), in file order.
    var serviceNames: [String] {
        project?.document["services"]?.mapping.map { Array($0.keys) } ?? []
    }

    /// Fails with Compose's message when a project was loaded and lacks one of `services`.
    func requireServices(_ services: [String]) {
        guard project != nil else { return }
        let known = Set(serviceNames)
        if let missing = services.first(where: { !known.contains($0) }) {
            ReadCommand.fail("no such service: \(missing)")
        }
    }
}

/// What every read-only command shares: the engine, failures printed as Docker Compose prints them (the bare
/// message on standard error, status 1), and output.
enum ReadCommand {
    /// The engine the docker CLI would use in this environment.
    static func engine() -> EngineClient {
        do {
            return try EngineClient.fromEnvironment(ProcessInfo.processInfo.environment)
        } catch {
            fail(message(for: error))
        }
    }

    /// Runs `body`, ending the process with the error's message when it throws.
    static func run<Result>(_ body: () async throws -> Result) async -> Result {
        do {
            return try await body()
        } catch {
            fail(message(for: error))
        }
    }

    static func message(for error: any Error) -> String {
        switch error {
        case let error as EngineError: error.message
        case let error as ComposeError: error.description
        default: String(describing: error)
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(1)
    }

    /// Writes `text` to standard output as is.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes each line followed by a newline.
    static func writeLines(_ lines: [String]) {
        write(lines.map { $0 + "\n" }.joined())
    }
}
