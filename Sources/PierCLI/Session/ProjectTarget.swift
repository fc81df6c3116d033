import ComposeSpec
import Foundation

/// The project a command works on. Docker Compose finds it in one of two ways, kept apart here because they fail
/// differently: from the files, or (for read-only commands) from a name alone.
struct ProjectTarget {
    let name: String
    let project: LoadedProject?

    /// The project the files describe, its warnings printed; a mistake in the files fails the command with its
    /// `file:line:column` message alone, as Compose prints it.
    static func loadProject(_ options: ProjectOptions) throws -> LoadedProject {
        let project = try ProjectLoader.load(options)
        for warning in project.warnings { Output.warn(warning.description) }
        return project
    }

    /// Compose's `projectOrName`: `-p` without `-f` names the project without reading any file; otherwise the
    /// files are loaded (failing on an unknown service), and when that fails `COMPOSE_PROJECT_NAME` still names it.
    static func load(_ global: GlobalOptions, services: [String] = []) throws -> ProjectTarget {
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
            throw error
        }
    }

    /// Compose's `toProjectName`, for commands that never read the files when they need not (`images`, `top`,
    /// `port`): `-p`, else `COMPOSE_PROJECT_NAME`, else the loaded project's name.
    static func name(_ global: GlobalOptions) throws -> String {
        if let name = global.projectName, !name.isEmpty { return name.lowercased() }
        if let name = ProcessInfo.processInfo.environment["COMPOSE_PROJECT_NAME"], !name.isEmpty {
            return name.lowercased()
        }
        return try ProjectLoader.load(global.projectOptions()).name
    }

    /// The services of the loaded project (active profiles and those selected), in file order.
    var serviceNames: [String] {
        project?.document["services"]?.mapping.map { Array($0.keys) } ?? []
    }

    /// Fails with Compose's message when a project was loaded and lacks one of `services`.
    func requireServices(_ services: [String]) throws {
        guard project != nil else { return }
        let known = Set(serviceNames)
        if let missing = services.first(where: { !known.contains($0) }) {
            throw CommandFailure("no such service: \(missing)")
        }
    }
}
