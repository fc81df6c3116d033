import ComposeSpec
import Foundation
import Synchronization

/// Where a project's compose files are, as its containers' labels say (`com.docker.compose.project.config_files`
/// and `working_dir`, which Pier and Docker Compose both write), and the project loaded from them. Projects are
/// remembered once seen, so that one brought `down` can be brought `up` again from the page.
struct ProjectSource: Sendable, Hashable {
    var name: String
    var configFiles: [String]
    var workingDirectory: String

    init(_ entry: ProjectEntry) {
        name = entry.name
        configFiles = entry.configFiles
        workingDirectory = entry.workingDirectory
    }

    /// Which services to enable: every profile (`["*"]`), none (the files' defaults), or those named whatever
    /// their profiles (`up` keeps running what runs: the labels do not record the profiles it was started with).
    enum Profiles: Sendable {
        case all
        case enabling([String])
    }

    /// The project as the command line would load it in its working directory with these files.
    func load(environment: [String: String], profiles: Profiles) throws(DashboardError) -> LoadedProject {
        if let reason = unavailableReason { throw DashboardError(reason) }
        var options = ProjectOptions(environment: environment, workingDirectory: workingDirectory)
        options.files = configFiles
        options.projectName = name
        options.projectDirectory = workingDirectory
        switch profiles {
        case .all: options.profiles = ["*"]
        case .enabling(let services): options.selectedServices = services
        }
        do {
            return try ProjectLoader.load(options)
        } catch {
            throw DashboardError("cannot load project \(name) from \(configFiles.joined(separator: ", ")): \(error)")
        }
    }

    /// Why the project cannot be loaded from its files (its labels name none, or one cannot be read); nil when
    /// it can.
    var unavailableReason: String? {
        guard !configFiles.isEmpty else {
            return "its containers' labels name no compose files"
        }
        if let unreadable = configFiles.first(where: { !FileManager.default.isReadableFile(atPath: $0) }) {
            return "its compose file \(unreadable) cannot be read here"
        }
        return nil
    }
}

/// The projects seen since the dashboard started, by name.
final class KnownProjects: Sendable {
    private let sources = Mutex([String: ProjectSource]())

    func remember(_ entries: [ProjectEntry]) {
        sources.withLock { sources in
            for entry in entries where !entry.configFiles.isEmpty { sources[entry.name] = ProjectSource(entry) }
        }
    }

    func source(_ name: String) -> ProjectSource? {
        sources.withLock { $0[name] }
    }

    /// Those no longer on the engine, as entries without containers.
    func absent(from entries: [ProjectEntry]) -> [ProjectEntry] {
        let present = Set(entries.map(\.name))
        return sources.withLock { Array($0.values) }.filter { !present.contains($0.name) }.sorted { $0.name < $1.name }
            .map {
                ProjectEntry(
                    name: $0.name, status: "", configFiles: $0.configFiles, workingDirectory: $0.workingDirectory)
            }
    }
}
