import ArgumentParser
import Orchestration

/// The global `--dry-run`: every command runs with an engine client that only reads (``EngineClient/dryRun()``)
/// and reports what it would do, as Docker Compose's dry run reports it; `up` and `create` report their plan. The
/// commands whose dry run Compose does not define, or that change more than the engine, refuse it.
enum DryRun {
    /// The commands that change something and cannot run dry, by name: those of Swarm, which Compose does not have.
    static let unsupported: [(name: String, type: any ParsableCommand.Type)] = [
        ("stack deploy", StackDeploy.self), ("stack rm", StackRm.self),
    ]

    /// Throws when `command` changes something and has no dry run.
    static func check(_ command: any ParsableCommand) throws {
        let type = type(of: command)
        guard let refused = unsupported.first(where: { $0.type == type }) else { return }
        throw CommandFailure(
            "--dry-run is not supported by `\(refused.name)`: `pier convert swarm` shows what a deploy would send")
    }

    /// What marks a line of a dry run, before the object it names, as Compose marks it.
    static let marker = "DRY-RUN MODE -  "

    /// ``marker`` in a dry run, else nothing.
    static func mark(_ global: GlobalOptions) -> String { global.dryRun ? marker : "" }

    /// The error for an interactive `exec` or `run` (`command`), which cannot run dry: as Compose words it.
    static func interactive(_ command: String) -> CommandFailure {
        CommandFailure("interactive \(command) is not supported in dry-run mode")
    }

    /// Reports what `up` (or `create`) with `options` would do: its plan, as `up` would report carrying it out.
    static func up(_ options: UpOptions, global: GlobalOptions) async throws {
        let session = try await EngineSession.open(global, services: options.services)
        try await session.run { runtime in
            let steps = try await runtime.plan(options).steps(
                in: runtime.project, start: options.start, removeOrphans: options.removeOrphans)
            for event in try steps.upProgress() { runtime.progress(event) }
        }
    }
}
