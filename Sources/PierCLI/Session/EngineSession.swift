import ComposeSpec
import DockerEngine
import Foundation
import Orchestration

/// What an engine command needs: the loaded project, the engine, and where progress goes. Failures are thrown
/// as they come, whichever layer they come from, once the progress display is complete.
struct EngineSession {
    let project: LoadedProject
    let runtime: ProjectRuntime
    let renderer: ProgressRenderer

    /// Loads the project, with the `services` named on the command line enabled whatever their profiles (and the
    /// project narrowed to them and what they need, unless not `narrowing`), and connects to the engine. As in
    /// Compose, commands act on the enabled services only (`stop` leaves a container of a service whose profile
    /// is not active); the others' containers are no orphans all the same.
    static func open(
        _ global: GlobalOptions, services: [String] = [], narrowing: Bool = true, title: String = "Running"
    ) async throws -> EngineSession {
        var options = global.projectOptions(services: services)
        options.narrowsToSelection = narrowing
        let project = try ProjectTarget.loadProject(options)
        let renderer = ProgressRenderer(
            mode: ProgressMode(rawValue: global.progress ?? "auto") ?? .auto, ansi: global.ansi, title: title,
            dryRun: global.dryRun)
        let client = try EngineSelection.client(global)
        var runtime = try await ProjectRuntime(
            client: client, project: project, nameSeparator: global.nameSeparator, progress: renderer.handler)
        runtime.credentials = CredentialStore(environment: EngineSelection.environment(global))
        return EngineSession(project: project, runtime: runtime, renderer: renderer)
    }

    /// Runs an operation, drawing progress until it ends. Unless `locking` is false (operations that change no
    /// container, network or volume of the project), it holds the project's lock: another Pier changing the
    /// project first is waited for, saying so. A failure because the engine went away says so.
    func run<Result>(locking: Bool = true, _ operation: (ProjectRuntime) async throws -> Result) async throws
        -> Result
    {
        defer { renderer.finish() }
        do {
            guard locking else { return try await operation(runtime) }
            let project = runtime.project.name
            return try await ProjectLock.holding(
                project: project,
                command: (["pier"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                onWait: { holder in Output.writeError(Self.waitingMessage(project: project, holder: holder)) }
            ) { try await operation(runtime) }
        } catch {
            throw await runtime.client.explaining(error)
        }
    }

    /// `Waiting for another pier (process 42: pier up -d) to finish changing project demo…`
    static func waitingMessage(project: String, holder: ProjectLock.Holder) -> String {
        let process = holder.processID.map { "process \($0)" + (holder.command.isEmpty ? "" : ": \(holder.command)") }
        return "Waiting for another pier (\(process ?? "unknown process")) to finish changing project \(project)...\n"
    }

    /// Runs an operation, drawing progress; returns its failure instead of throwing it.
    @discardableResult
    func attempt(_ operation: (ProjectRuntime) async throws -> Void) async -> (any Error)? {
        do {
            try await run(operation)
            return nil
        } catch {
            return error
        }
    }
}
