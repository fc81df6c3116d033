import ArgumentParser
import Orchestration

/// The global `--dry-run`: `up` and `create` report what they would do, as Docker Compose's dry run reports it, and
/// only read the engine; the other commands that change something refuse it rather than change anything.
enum DryRun {
    /// The commands that change the engine and cannot run dry yet.
    static let unsupported: [any ParsableCommand.Type] = [
        Build.self, Commit.self, Cp.self, Down.self, Exec.self, Kill.self, Pause.self, Publish.self, Pull.self,
        Push.self, Restart.self, Rm.self, Run.self, Scale.self, Start.self, Stop.self, Unpause.self,
        StackDeploy.self, StackRm.self, Watch.self,
    ]

    /// Throws when `command` changes the engine and has no dry run.
    static func check(_ command: any ParsableCommand) throws {
        let type = type(of: command)
        guard unsupported.contains(where: { $0 == type }) else { return }
        throw CommandFailure(
            "--dry-run is not supported by `\(type._commandName)` yet: only `up` and `create` "
                + "run dry (docs/plan.md); `pier plan` shows what `up` would do")
    }

    /// Reports what `up` (or `create`) with `options` would do, each line marked as Compose marks a dry run.
    static func up(_ options: UpOptions, global: GlobalOptions) async throws {
        let session = try await EngineSession.open(global, services: options.services)
        try await session.run { runtime in
            let steps = try await runtime.plan(options).steps(
                in: runtime.project, start: options.start, removeOrphans: options.removeOrphans)
            for event in try steps.upProgress() { runtime.progress(event.dryRun) }
        }
    }
}
