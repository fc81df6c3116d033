import ArgumentParser
import Foundation
import Orchestration

/// `pier plan`: what `up` would do to the running project, and why, changing nothing.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what up would create, recreate, start or remove, and why, without changing anything.")

    var global: GlobalOptions { GlobalOptions.current }

    @Flag(name: .customLong("force-recreate"), help: "Recreate containers even if their configuration hasn't changed.")
    var forceRecreate = false
    @Flag(name: .customLong("no-recreate"), help: "If containers already exist, don't recreate them.")
    var noRecreate = false
    @Flag(name: .customLong("always-recreate-deps"), help: "Recreate dependent containers.")
    var alwaysRecreateDeps = false
    @Flag(name: .customLong("remove-orphans"), help: "Remove containers for services not defined in the Compose file.")
    var removeOrphans = false
    @Option(name: .customLong("scale"), help: "Scale SERVICE to NUM instances (SERVICE=NUM).") var scale: [String] = []
    @Flag(name: .customLong("no-start"), help: "Don't start the services after creating them.") var noStart = false
    @Flag(name: .customLong("no-deps"), help: "Don't start linked services.") var noDeps = false
    @OptionGroup var images: ImageFlags
    @Option(help: "Format the output: text or json.") var format = "text"
    @Argument(help: "Services to plan for (all when none).") var services: [String] = []

    func validate() throws {
        if forceRecreate && noRecreate {
            throw ValidationError("--force-recreate and --no-recreate are incompatible")
        }
        try images.validate()
        guard ["text", "json"].contains(format) else {
            throw ValidationError("invalid --format \(format): expected text or json")
        }
    }

    func run() async throws {
        var options = UpOptions()
        options.services = services
        options.noDeps = noDeps
        options.recreate = forceRecreate ? .always : noRecreate ? .never : .whenChanged
        options.alwaysRecreateDependencies = alwaysRecreateDeps
        options.removeOrphans = removeOrphans || ComposeVariables.current.removeOrphans
        options.scale = try Up.scale(scale)
        options.start = !noStart
        try images.apply(to: &options)
        let session = try await EngineSession.open(global, services: services)
        let steps = try await session.run { runtime in
            try await runtime.plan(options).steps(
                in: runtime.project, start: options.start, removeOrphans: options.removeOrphans)
        }
        let directory = session.project.workingDirectory
        Output.write(
            format == "json"
                ? PlanPresentation.json(steps, project: session.project.name)
                : PlanPresentation.text(steps, directory: directory))
        // `up` would stop on these: the plan says so and fails as `up` would.
        if let failure = steps.first(where: { $0.action == .fail }), let error = failure.error { throw error }
    }
}
