import ArgumentParser
import Foundation
import Orchestration

/// The global flags once their variables and deprecated spellings are folded in, checked as Docker Compose checks
/// them before running any command.
extension GlobalOptions {
    /// The progress modes `--progress` and `COMPOSE_PROGRESS` take (`none` is `quiet`).
    static let progressModes = ["auto", "tty", "plain", "json", "quiet", "none"]
    /// The log levels `--log-level` takes, as the docker CLI's logger names them.
    static let logLevels = ["panic", "fatal", "error", "warn", "warning", "info", "debug", "trace"]

    /// These flags with `COMPOSE_ANSI` and `COMPOSE_PROGRESS` applied where the flag is not given, `--no-ansi` as
    /// `--ansi never` and `--workdir` as `--project-directory` (each with the reference's deprecation notice).
    func resolved(variables: ComposeVariables) throws -> GlobalOptions {
        var options = self
        if noAnsi {
            if let ansiFlag, ansiFlag != "auto" {
                throw CommandFailure(
                    "cannot specify DEPRECATED \"--no-ansi\" and \"--ansi\". Please use only \"--ansi\"")
            }
            options.ansiFlag = "never"
            Output.writeError("option '--no-ansi' is DEPRECATED ! Please use '--ansi' instead.\n")
        }
        if options.ansiFlag == nil, let ansi = variables.ansi { options.ansiFlag = ansi }
        if let workdir {
            guard projectDirectory == nil else {
                throw CommandFailure(
                    "cannot specify DEPRECATED \"--workdir\" and \"--project-directory\". Please use only "
                        + "\"--project-directory\" instead")
            }
            options.projectDirectory = workdir
            Output.writeError(
                "option '--workdir' is DEPRECATED at root level! Please use '--project-directory' instead.\n")
        }
        if options.progress == nil { options.progress = variables.progress }
        if options.progress == "none" { options.progress = "quiet" }
        if let logLevel, !Self.logLevels.contains(logLevel.lowercased()) {
            throw CommandFailure("Unable to parse logging level: \(logLevel)")
        }
        if !hosts.isEmpty, context != nil {
            throw CommandFailure("conflicting options: cannot specify both --host and --context")
        }
        if hosts.count > 1 {
            // The docker CLI's flag error, and its status.
            Output.writeError("invalid argument \"\(hosts[1])\" for \"-H, --host\" flag: specify only one -H\n")
            throw ExitCode(125)
        }
        return options
    }

    /// Fails as Compose fails on a progress mode it does not know or one the ANSI mode contradicts. Every command
    /// checks it but `version`.
    func checkProgress() throws(CommandFailure) {
        guard let progress, !progress.isEmpty else { return }
        guard Self.progressModes.contains(progress) else {
            throw CommandFailure("unsupported --progress value \"\(progress)\"")
        }
        if progress == "tty", ansi == "never" {
            throw CommandFailure("can't use --progress tty while ANSI support is disabled")
        }
        if progress == "plain", ansi == "always" {
            throw CommandFailure("can't use --progress plain while ANSI support is forced")
        }
    }

    /// What joins the parts of container and image names: `_` in compatibility mode (`--compatibility`,
    /// `COMPOSE_COMPATIBILITY`), else `-`.
    var nameSeparator: String {
        compatibility || ComposeVariables.current.compatibility ? ContainerNames.compatibilitySeparator : "-"
    }

    /// Whether messages of `level` are printed: `--log-level` (default `info`), `--verbose` and `-D` (`debug`).
    func logs(_ level: String) -> Bool {
        let order = ["panic", "fatal", "error", "warn", "info", "debug", "trace"]
        var chosen = (logLevel?.lowercased()).map { $0 == "warning" ? "warn" : $0 } ?? "info"
        if verbose { chosen = "trace" } else if debug && chosen != "trace" { chosen = "debug" }
        return (order.firstIndex(of: level) ?? 0) <= (order.firstIndex(of: chosen) ?? 4)
    }
}
