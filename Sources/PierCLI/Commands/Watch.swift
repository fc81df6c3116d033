import ArgumentParser
import Orchestration

struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Watch build context for service and rebuild/refresh containers when files are updated.")

    var global: GlobalOptions { GlobalOptions.current }

    @Flag(name: .customLong("no-up"), help: "Do not build & start services before watching.") var noUp = false
    @Flag(help: "Prune dangling images on rebuild (default true).") var prune = false
    @Flag(name: .customLong("no-prune"), help: .hidden) var noPrune = false
    @Flag(help: "Hide build output.") var quiet = false
    @Argument(help: "Services to watch.") var services: [String] = []

    func run() async throws {
        let session = try await EngineSession.open(global, services: services)
        var options = ProjectWatch.Options()
        options.services = services
        options.prune = !noPrune
        options.quietBuild = quiet
        let watch = try ProjectWatch(runtime: session.runtime, options: options) { Output.warn($0.description) }
        if !noUp {
            var up = UpOptions()
            up.services = services
            up.quietBuild = quiet
            // A dry run reports the plan of `up`, then watches with a client that only reads, as Compose does.
            if global.dryRun {
                try await DryRun.up(up, global: global)
            } else {
                try await session.run { try await $0.up(up) }
            }
        }
        // Ctrl+C stops watching; the containers keep running, and the status is Compose's for an interrupt.
        try await Signals.interrupts.cancelling(
            { try await Self.follow(watch, verbose: GlobalOptions.current.verbose) }, returning: ())
        throw ExitCode(130)
    }

    /// Watches until cancelled, printing each event as Compose does.
    static func follow(_ watch: ProjectWatch, verbose: Bool) async throws {
        try await watch.run { event in
            let lines = WatchEventText.lines(event, verbose: verbose)
            if case .failed = event { return Output.writeError(lines.map { $0 + "\n" }.joined()) }
            if case .warning = event { return Output.writeError(lines.map { $0 + "\n" }.joined()) }
            Output.writeLines(lines)
        }
    }
}
