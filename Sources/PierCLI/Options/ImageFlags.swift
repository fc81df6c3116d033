import ArgumentParser
import Orchestration

/// `up` and `create`'s flags about images: `--build`, `--no-build`, `--pull`.
struct ImageFlags: ParsableArguments {
    @Flag(help: "Build images before starting containers.") var build = false
    @Flag(name: .customLong("no-build"), help: "Don't build an image, even if it's policy.") var noBuild = false
    @Option(help: "Pull image before running (\"always\"|\"missing\"|\"never\"|\"build\").") var pull: String?

    func validate() throws {
        if build && noBuild { throw ValidationError("--build and --no-build are incompatible") }
        if let pull, !["always", "missing", "never", "build"].contains(pull) {
            throw ValidationError("invalid --pull option \"\(pull)\"")
        }
    }

    func apply(to options: inout UpOptions) throws {
        options.parallelLimit = try ParallelLimit.resolve(flag: GlobalOptions.current.parallel)
        options.build = build ? .always : noBuild ? .never : .whenMissing
        options.pull = pull.flatMap(PullPolicy.init)
    }
}
