import ComposeSpec
import Foundation

/// The `COMPOSE_*` variables that change how Pier behaves rather than what it loads, read as Docker Compose reads
/// them: from the environment, else from the project's env files (``ProjectLoader/composeVariables(_:)``).
struct ComposeVariables: Sendable {
    var values: [String: String]

    /// The variables of this invocation.
    @TaskLocal static var current = ComposeVariables(values: ProcessInfo.processInfo.environment)

    /// The environment and the project's env files, as the global flags locate them.
    static func load(_ global: GlobalOptions) -> ComposeVariables {
        ComposeVariables(values: ProjectLoader.composeVariables(global.projectOptions()))
    }

    /// `COMPOSE_PROGRESS`: the progress mode when `--progress` is not given.
    var progress: String? { nonEmpty("COMPOSE_PROGRESS") }
    /// `COMPOSE_ANSI`: the ANSI mode when `--ansi` is not given.
    var ansi: String? { nonEmpty("COMPOSE_ANSI") }
    /// `COMPOSE_STATUS_STDOUT`: progress goes to standard output instead of standard error.
    var statusToStandardOutput: Bool { flag("COMPOSE_STATUS_STDOUT") ?? false }
    /// `COMPOSE_REMOVE_ORPHANS`: as if `--remove-orphans` were given.
    var removeOrphans: Bool { flag("COMPOSE_REMOVE_ORPHANS") ?? false }
    /// `COMPOSE_IGNORE_ORPHANS`: no warning about orphan containers.
    var ignoreOrphans: Bool { flag("COMPOSE_IGNORE_ORPHANS") ?? false }
    /// `COMPOSE_MENU`: the default of `up --menu`.
    var menu: Bool? { flag("COMPOSE_MENU") }
    /// `COMPOSE_EXPERIMENTAL=false` turns the experimental features (the `up` menu) off.
    var experimental: Bool { flag("COMPOSE_EXPERIMENTAL") ?? true }
    /// `COMPOSE_COMPATIBILITY`: as `--compatibility`.
    var compatibility: Bool { flag("COMPOSE_COMPATIBILITY") ?? false }
    /// `COMPOSE_CONVERT_WINDOWS_PATHS`: Windows paths of bind mounts (`C:\data`) become `/c/data`.
    var convertWindowsPaths: Bool { flag("COMPOSE_CONVERT_WINDOWS_PATHS") ?? false }

    private func nonEmpty(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// A boolean as Go's `strconv.ParseBool` reads it; nil when unset or unreadable.
    private func flag(_ name: String) -> Bool? {
        nonEmpty(name).flatMap { try? GoBool.parse($0) }
    }
}
