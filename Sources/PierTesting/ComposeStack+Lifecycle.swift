import ComposeSpec
import DockerEngine
import Foundation
import Orchestration
import Synchronization

/// Making a stack, starting it, and removing it.
extension ComposeStack {
    /// Loads the project under a unique name and connects to the engine, after sweeping away what killed test
    /// processes left behind; creates nothing yet.
    static func prepare(_ configuration: Configuration) async throws -> ComposeStack {
        let processEnvironment = ProcessInfo.processInfo.environment
        let client = try EngineClient.fromEnvironment(processEnvironment)
        let name = configuration.projectName ?? uniqueName(for: configuration.directory)
        let project = try ProjectLoader.load(options(configuration, name: name, environment: processEnvironment))
        try await StackSweep(client: client).run()
        let warnings = WarningLog(project.warnings.map(\.description))
        let runtime = try await ProjectRuntime(
            client: client, project: project, resourceLabels: StackLabels.labels(stack: name),
            progress: { event in
                if event.status == .warning { warnings.append("\(event.resource): \(event.detail ?? event.text)") }
            })
        return ComposeStack(name: name, configuration: configuration, runtime: runtime, warningLog: warnings)
    }

    /// The loader's options, as `docker compose -p NAME -f … --env-file … --profile …` in the project directory
    /// would have them.
    static func options(_ configuration: Configuration, name: String, environment: [String: String])
        -> ProjectOptions
    {
        let chosenByConfiguration = ["COMPOSE_FILE", "COMPOSE_PROFILES", "COMPOSE_PROJECT_NAME", "COMPOSE_ENV_FILES"]
        var inherited = environment
        for variable in chosenByConfiguration { inherited[variable] = nil }
        var options = ProjectOptions(
            environment: inherited.merging(configuration.environment) { $1 },
            workingDirectory: configuration.directory.path)
        options.files = configuration.files.map(\.path)
        options.envFiles = configuration.envFiles.map(\.path)
        options.projectName = name
        options.projectDirectory = configuration.projectDirectory?.path
        options.profiles = configuration.profiles
        options.selectedServices = configuration.services
        return options
    }

    /// `<directory name>-<random>`, as a Compose project name: lower case letters, digits, `-` and `_`.
    static func uniqueName(for directory: URL) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        let base = String(directory.lastPathComponent.lowercased().filter { allowed.contains($0) }.prefix(30))
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        return (base.first.map { $0.isLetter || $0.isNumber } == true ? base + "-" : "stack-") + suffix
    }

    /// Creates and starts the services, then waits as the configuration says.
    func up() async throws {
        var options = UpOptions()
        options.services = configuration.services
        options.quietPull = true
        options.wait = configuration.wait == .healthy
        options.waitTimeout = configuration.waitTimeout
        try await runtime.up(options)
        if configuration.wait == .started {
            for container in try await runtime.containers() where !container.isRunning {
                throw StackSetupError("container \(container.name) of service \"\(container.service)\" is not running")
            }
        }
    }

    /// Removes the stack: `down` with its volumes (the containers stopped as ``Configuration/stopTimeout`` says),
    /// then whatever else carries its name (containers made outside `up`, the images it built). Runs to its end
    /// when the calling task is cancelled.
    public func remove() async throws {
        let (runtime, timeout, name) = (self.runtime, configuration.stopTimeout, self.name)
        try await Task {
            var options = DownOptions()
            options.removeVolumes = true
            options.removeOrphans = true
            options.timeout = timeout
            try await runtime.down(options)
            try await StackRemoval(client: runtime.client).remove(stack: name)
        }.value
    }

    /// Removes the stack after `error` and returns what to throw: `error` with the containers' output, and the
    /// removal's own failure if it failed too.
    func removed(after error: any Error) async -> any Error {
        let failure = await attachingLogs(to: error)
        do {
            try await remove()
        } catch let removal {
            guard var withLogs = failure as? StackFailure else { return failure }
            withLogs.removalFailure = removal
            return withLogs
        }
        return failure
    }

    /// `error`, with what every container of the stack printed: a ``StackFailure``. A cancellation is passed on as
    /// it is (the engine would not answer a cancelled task).
    public func attachingLogs(to error: any Error) async -> any Error {
        if error is CancellationError || Task.isCancelled { return error }
        return StackFailure(error: error, stack: name, logs: await allLogs())
    }

    /// The last lines of every container of the stack, one-off containers included.
    func allLogs(lines: Int = StackFailure.linesPerContainer) async -> [ContainerLog] {
        guard let containers = try? await runtime.containers(includeOneOff: true) else { return [] }
        var logs: [ContainerLog] = []
        for container in containers {
            let lines = (try? await ContainerOutput.lines(of: container.id, client: client, tail: lines)) ?? []
            logs.append(ContainerLog(container: container.name, service: container.service, lines: lines))
        }
        return logs
    }

    /// What loading the files and running the stack warned about, in order.
    public var warnings: [String] { warningLog.entries }
}

/// Warnings gathered as the stack's operations report them.
final class WarningLog: Sendable {
    private let state: Mutex<[String]>

    init(_ entries: [String]) {
        state = Mutex(entries)
    }

    func append(_ entry: String) {
        state.withLock { $0.append(entry) }
    }

    var entries: [String] { state.withLock { $0 } }
}
