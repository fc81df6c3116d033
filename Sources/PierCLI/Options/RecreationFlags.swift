import ArgumentParser
import Orchestration

/// `up`, `create` and `plan`'s flags that decide whether containers are recreated: `--force-recreate`,
/// `--no-recreate`.
struct RecreationFlags: ParsableArguments {
    @Flag(name: .customLong("force-recreate"), help: "Recreate containers even if their configuration hasn't changed.")
    var forceRecreate = false
    @Flag(name: .customLong("no-recreate"), help: "If containers already exist, don't recreate them.")
    var noRecreate = false

    func validate() throws {
        if forceRecreate && noRecreate { throw ValidationError("--force-recreate and --no-recreate are incompatible") }
    }

    func apply(to options: inout UpOptions) {
        options.recreate = forceRecreate ? .always : noRecreate ? .never : .whenChanged
    }
}
