import ArgumentParser
import Orchestration

/// `up` and `plan`'s flags about which containers converge, and how: `--always-recreate-deps`, `--remove-orphans`,
/// `--scale`, `--no-start`, `--no-deps`.
struct ConvergenceFlags: ParsableArguments {
    @Flag(name: .customLong("always-recreate-deps"), help: "Recreate dependent containers.")
    var alwaysRecreateDeps = false
    @Flag(name: .customLong("remove-orphans"), help: "Remove containers for services not defined in the Compose file.")
    var removeOrphans = false
    @Option(name: .customLong("scale"), help: "Scale SERVICE to NUM instances (SERVICE=NUM).") var scale: [String] = []
    @Flag(name: .customLong("no-start"), help: "Don't start the services after creating them.") var noStart = false
    @Flag(name: .customLong("no-deps"), help: "Don't start linked services.") var noDeps = false

    func apply(to options: inout UpOptions, variables: ComposeVariables = .current) throws {
        options.alwaysRecreateDependencies = alwaysRecreateDeps
        options.removeOrphans = removeOrphans || variables.removeOrphans
        options.scale = try Up.scale(scale)
        options.start = !noStart
        options.noDeps = noDeps
    }
}
