import ArgumentParser
import Foundation
import Orchestration

struct Up: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "up", abstract: "Create and start containers.")

    var global: GlobalOptions { GlobalOptions.current }

    @Flag(name: [.short, .long], help: "Detached mode: run containers in the background.") var detach = false
    @OptionGroup var recreation: RecreationFlags
    @OptionGroup var convergence: ConvergenceFlags
    @Flag(
        name: [.customShort("V"), .customLong("renew-anon-volumes")],
        help: "Recreate anonymous volumes instead of retrieving data from the previous containers.")
    var renewAnonVolumes = false
    @Flag(help: "Wait for services to be running|healthy. Implies detached mode.") var wait = false
    @Option(
        name: .customLong("wait-timeout"),
        help: "Maximum duration in seconds to wait for the project to be running|healthy.")
    var waitTimeout: Int?
    @Option(
        name: [.customShort("t", allowingJoined: true), .long],
        help: "Use this timeout in seconds for container shutdown.")
    var timeout: Int?
    @Flag(name: .customLong("abort-on-container-exit"), help: "Stops all containers if any container was stopped.")
    var abortOnContainerExit = false
    @Flag(
        name: .customLong("abort-on-container-failure"),
        help: "Stops all containers if any container exited with failure.")
    var abortOnContainerFailure = false
    @Option(name: .customLong("exit-code-from"), help: "Return the exit code of the selected service container.")
    var exitCodeFrom: String?
    @Option(name: .customLong("attach"), help: "Restrict attaching to the specified services.") var attach: [String] =
        []
    @Flag(name: .customLong("attach-dependencies"), help: "Automatically attach to log output of dependent services.")
    var attachDependencies = false
    @Option(name: .customLong("no-attach"), help: "Do not attach (stream logs) to the specified services.")
    var noAttach: [String] = []
    @Flag(help: "Show timestamps.") var timestamps = false
    @Flag(name: .customLong("no-color"), help: "Produce monochrome output.") var noColor = false
    @Flag(name: .customLong("no-log-prefix"), help: "Don't print prefix in logs.") var noLogPrefix = false
    @Flag(name: .customLong("quiet-pull"), help: "Pull without printing progress information.") var quietPull = false
    @Flag(name: .customLong("quiet-build"), help: "Suppress the build output.") var quietBuild = false
    @Flag(
        help: "Enable interactive shortcuts when running attached (d: detach). Can also be set with COMPOSE_MENU.")
    var menu = false
    @Flag(name: .customLong("no-menu"), help: .hidden) var noMenu = false
    @Flag(
        name: [.customShort("w"), .long],
        help: "Watch source code and rebuild/refresh containers when files are updated.")
    var watch = false
    @Flag(name: [.customShort("y"), .long], help: "Assume \"yes\" as answer to all prompts and run non-interactively.")
    var yes = false
    @OptionGroup var images: ImageFlags
    @Argument(help: "Services to start.") var services: [String] = []

    func validate() throws {
        try images.validate()
        if abortOnContainerExit && abortOnContainerFailure {
            throw ValidationError("--abort-on-container-failure cannot be combined with --abort-on-container-exit")
        }
        let attachedOnly = abortOnContainerExit || abortOnContainerFailure || exitCodeFrom != nil || !attach.isEmpty
        if detach && (attachedOnly || attachDependencies || watch) {
            throw ValidationError(
                "--detach cannot be combined with --abort-on-container-exit, --abort-on-container-failure, --attach, "
                    + "--attach-dependencies or --watch")
        }
        if !attach.isEmpty && attachDependencies {
            throw ValidationError("cannot combine --attach and --attach-dependencies")
        }
    }

    func upOptions() throws -> UpOptions {
        let variables = ComposeVariables.current
        if convergence.removeOrphans && variables.ignoreOrphans {
            throw CommandFailure("cannot combine COMPOSE_IGNORE_ORPHANS and --remove-orphans")
        }
        var options = UpOptions()
        options.services = services
        recreation.apply(to: &options)
        try convergence.apply(to: &options, variables: variables)
        options.ignoreOrphans = variables.ignoreOrphans
        options.renewAnonymousVolumes = renewAnonVolumes
        options.wait = wait
        options.waitTimeout = waitTimeout.map { .seconds($0) }
        options.stopTimeout = timeout
        options.quietPull = quietPull
        options.quietBuild = quietBuild
        options.confirmVolumeRecreation = { [yes] question in Prompt.confirm(question, assumeYes: yes) }
        try images.apply(to: &options)
        return options
    }

    /// What Ctrl+C on an attached `up` prints, in the reference's words (on standard output, as it prints it).
    static let gracefullyStopping = "Gracefully Stopping... press Ctrl+C again to force\n"

    /// `--scale SERVICE=NUM` values.
    static func scale(_ entries: [String]) throws -> [String: Int] {
        var scale: [String: Int] = [:]
        for entry in entries {
            guard let equals = entry.firstIndex(of: "="), let count = Int(entry[entry.index(after: equals)...]) else {
                throw ValidationError("invalid --scale \(entry): expected SERVICE=NUM")
            }
            scale[String(entry[..<equals])] = count
        }
        return scale
    }

    func run() async throws {
        var options = try upOptions()
        if global.dryRun { return try await DryRun.up(options, global: global) }
        let attaches = !detach && !wait && !convergence.noStart
        // Attached, the output of `post_start` hooks is shown once the containers' output is followed.
        let hookOutput = LogBuffer()
        if attaches { options.hookOutput = hookOutput }
        let colored = LogConsumer.wantsColor(noColor: noColor, ansi: global.ansi)
        let consumer = LogConsumer(colored: colored, showsPrefix: !noLogPrefix)
        // Hooks' lines (`web-1 ->  | …`) are prefixed on their own, as Compose prints them: they do not widen the
        // containers' prefixes.
        let hookConsumer = LogConsumer(colored: colored, showsPrefix: !noLogPrefix)
        let session = try await EngineSession.open(global, services: services)
        let watchSwitch = WatchSwitch(verbose: global.verbose) { [services, quietBuild] in
            var options = ProjectWatch.Options()
            options.services = services
            options.quietBuild = quietBuild
            return try ProjectWatch(runtime: session.runtime, options: options) { Output.warn($0.description) }
        }
        // `--watch` fails before anything starts when there is nothing to watch.
        if watch { try watchSwitch.prepare() }
        let began = Date()
        // Ctrl+C while containers are being created stops the operation; attached, also what it started.
        let interrupted: Bool
        do {
            interrupted = try await Signals.interrupts.cancelling(
                { [options] in
                    try await session.run { try await $0.up(options) }
                    return false
                }, returning: true)
        } catch {
            hookOutput.replay(into: hookConsumer)
            throw error
        }
        if interrupted {
            if !detach {
                Output.write(Self.gracefullyStopping)
                try await session.run { try await $0.stop(services, timeout: timeout) }
            }
            throw ExitCode(130)
        }
        guard attaches else { return }
        // `--watch`: the files are watched while the output is followed.
        if watch { try watchSwitch.start() }
        defer { watchSwitch.stop() }
        throw ExitCode(
            try await attached(session, since: began, consumer: consumer, watchSwitch: watchSwitch) {
                hookOutput.replay(into: hookConsumer)
            })
    }

    /// Follows the attached services' output until their containers stop, once `attaching` showed what had to
    /// come first; returns the status to end with.
    private func attached(
        _ session: EngineSession, since began: Date, consumer: LogConsumer, watchSwitch: WatchSwitch,
        attaching: @escaping @Sendable () -> Void
    ) async throws -> Int32 {
        var options = AttachedUpState.Options()
        // With `--attach-dependencies`, the named services' dependencies are followed too.
        options.services =
            attachDependencies && !services.isEmpty
            ? Array(session.runtime.graph.withDependencies(services)) : services
        options.attach = attach
        options.noAttach = noAttach
        options.abortOnContainerExit = abortOnContainerExit
        options.abortOnContainerFailure = abortOnContainerFailure
        options.exitCodeFrom = exitCodeFrom
        var attachedUp = AttachedUp(runtime: session.runtime, options: options, since: began)
        attachedUp.timestamps = timestamps
        attachedUp.stopTimeout = timeout
        let renderer = session.renderer
        let menu = UpMenu.enabled(flag: menu ? true : noMenu ? false : nil) ? UpMenu() : nil
        defer { menu?.close() }
        let colored = LogConsumer.wantsColor(noColor: noColor, ansi: global.ansi)
        let toggling = menu.map { menu in
            Task {
                for await _ in menu.watchToggles { Self.toggle(watchSwitch, menu: menu, colored: colored) }
            }
        }
        defer { toggling?.cancel() }
        return try await attachedUp.run(
            sink: consumer, interrupts: Signals.interrupts.stream(), detaches: menu?.detaches
        ) { notice in
            switch notice {
            case .attaching(let names):
                Output.write("Attaching to \(names.joined(separator: ", "))\n")
                attaching()
                menu?.show(colored: colored, watching: watchSwitch.isOn)
            case .state(.aborting): Output.writeError("Aborting on container exit...\n")
            case .state(.gracefullyStopping): Output.write(Self.gracefullyStopping)
            case .teardownFinished: renderer.finish()
            }
        }
    }

    /// The menu's `w`: watching turns off, or on (when the services have something to watch).
    private static func toggle(_ watchSwitch: WatchSwitch, menu: UpMenu, colored: Bool) {
        if watchSwitch.isOn {
            watchSwitch.stop()
            menu.announceWatchOff(colored: colored)
        } else {
            do {
                try watchSwitch.start()
            } catch let error as OrchestrationError where error.code == .notFound {
                return menu.announceNoWatch(colored: colored)
            } catch {
                return Output.writeError("watch: \(error)\n")
            }
        }
        menu.show(colored: colored, watching: watchSwitch.isOn)
    }
}
