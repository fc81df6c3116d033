import ComposeSpec
import DockerEngine
import Foundation
import Orchestration

/// What an engine command needs: the loaded project, the engine, and where progress goes. Failures end the
/// process with status 1 and a message, whichever layer they come from.
struct EngineSession {
    let project: LoadedProject
    let runtime: ProjectRuntime
    let renderer: ProgressRenderer

    /// Loads the project and connects to the engine. `allProfiles` makes every service known (not active):
    /// commands acting on what exists (`down`, `stop`…) must not take a profiled service for an orphan.
    static func open(
        _ global: GlobalOptions, services: [String] = [], allProfiles: Bool = false, title: String = "Running"
    ) async -> EngineSession {
        var options = global.projectOptions(services: allProfiles ? [] : services)
        if allProfiles { options.profiles = ["*"] }
        let project = Failure.loadProject(options)
        let renderer = ProgressRenderer(
            mode: ProgressMode(rawValue: global.progress ?? "auto") ?? .auto, ansi: global.ansi, title: title)
        do {
            let client = try EngineClient.fromEnvironment(ProcessInfo.processInfo.environment)
            let runtime = try await ProjectRuntime(client: client, project: project, progress: renderer.handler)
            return EngineSession(project: project, runtime: runtime, renderer: renderer)
        } catch {
            Failure.exit(message: String(describing: error))
        }
    }

    /// Runs an operation, drawing progress, and exits with status 1 on failure.
    func run<Result>(_ operation: (ProjectRuntime) async throws -> Result) async -> Result {
        do {
            let result = try await operation(runtime)
            renderer.finish()
            return result
        } catch {
            renderer.finish()
            Failure.exit(message: Self.message(for: error))
        }
    }

    /// Runs an operation, drawing progress; returns its failure instead of exiting.
    @discardableResult
    func attempt(_ operation: (ProjectRuntime) async throws -> Void) async -> (any Error)? {
        defer { renderer.finish() }
        do {
            try await operation(runtime)
            return nil
        } catch {
            return error
        }
    }

    static func message(for error: any Error) -> String {
        switch error {
        case let error as ComposeError: return error.description
        case let error as EngineError: return error.message
        default: return String(describing: error)
        }
    }
}
