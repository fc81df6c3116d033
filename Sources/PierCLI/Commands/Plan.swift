import ArgumentParser
import Foundation
import Orchestration

/// `pier plan`: what `up` would do to the running project, and why, changing nothing.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what up would create, recreate, start or remove, and why, without changing anything.")

    var global: GlobalOptions { GlobalOptions.current }

    @OptionGroup var recreation: RecreationFlags
    @OptionGroup var convergence: ConvergenceFlags
    @OptionGroup var images: ImageFlags
    @Option(help: "Format the output: text or json.") var format = "text"
    @Argument(help: "Services to plan for (all when none).") var services: [String] = []

    func validate() throws {
        try images.validate()
        guard ["text", "json"].contains(format) else {
            throw ValidationError("invalid --format \(format): expected text or json")
        }
    }

    func run() async throws {
        var options = UpOptions()
        options.services = services
        recreation.apply(to: &options)
        try convergence.apply(to: &options)
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
