import ArgumentParser
import Foundation
import Orchestration

struct Pull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pull", abstract: "Pull service images")

    var global: GlobalOptions { GlobalOptions.current }

    @Flag(name: .customLong("ignore-buildable"), help: "Ignore images that can be built.") var ignoreBuildable = false
    @Flag(
        name: .customLong("ignore-pull-failures"), help: "Pull what it can and ignores images with pull failures.")
    var ignorePullFailures = false
    @Flag(name: .customLong("include-deps"), help: "Also pull services declared as dependencies.")
    var includeDeps = false
    @Option(help: "Apply pull policy (\"missing\"|\"always\").") var policy: String?
    @Flag(name: [.short, .long], help: "Pull without printing progress information.") var quiet = false
    @Flag(name: .customLong("parallel"), help: .hidden) var deprecatedParallel = false
    @Flag(name: .customLong("no-parallel"), help: .hidden) var deprecatedNoParallel = false
    @Argument(help: "Services whose images to pull.") var services: [String] = []

    func validate() throws {
        if let policy, PullOptions.Policy(rawValue: policy) == nil {
            throw ValidationError("invalid --policy \"\(policy)\": use \"missing\" or \"always\"")
        }
    }

    func run() async throws {
        // Pulls are always concurrent: Compose's old flags say so, in red, as Compose says it.
        for (flag, given) in [("--parallel", deprecatedParallel), ("--no-parallel", deprecatedNoParallel)] where given {
            Output.writeError("\u{1B}[31moption '\(flag)' is DEPRECATED and will be ignored.\n\u{1B}[0m")
        }
        var options = PullOptions()
        options.services = services
        options.includeDependencies = includeDeps
        options.ignoreFailures = ignorePullFailures
        options.ignoreBuildable = ignoreBuildable
        options.policy = policy.flatMap(PullOptions.Policy.init(rawValue:))
        options.quiet = quiet
        let session = try await EngineSession.open(global, services: services, title: "Pulling")
        let outcome = try await session.run(locking: false) { try await $0.pull(options) }
        if !outcome.mustBuild.isEmpty {
            Output.writeError(
                "WARNING: Some service image(s) must be built from source by running:\n    pier build "
                    + outcome.mustBuild.joined(separator: " ") + "\n")
        }
        if let failure = outcome.failure { throw failure }
    }
}
