import DockerEngine
import Foundation

/// `up` without `-d`, once the containers run: follows the attached services' output until their containers
/// stop, stopping or killing the project as ``AttachedUpState`` decides.
public struct AttachedUp: Sendable {
    /// What the command line shows besides the containers' output.
    public enum Notice: Sendable, Hashable {
        /// The containers whose output follows, by the names their lines carry.
        case attaching([String])
        case state(AttachedUpState.Notice)
        /// A stop or kill of the project is over (its progress is complete).
        case teardownFinished
    }

    public let runtime: ProjectRuntime
    public let options: AttachedUpState.Options
    /// When this `up` began: output from earlier runs of the containers is not shown again.
    public var since: Date
    public var timestamps = false
    /// Seconds the containers get to stop.
    public var stopTimeout: Int?

    public init(runtime: ProjectRuntime, options: AttachedUpState.Options, since: Date) {
        self.runtime = runtime
        self.options = options
        self.since = since
    }

    /// Follows the output into `sink` until every attached container's output has ended, handling `interrupts`
    /// (Ctrl+C, termination requests) and `detaches` (the menu's detach key: the output stops being followed at
    /// once); returns the status the command ends with.
    public func run(
        sink: any LogSink, interrupts: AsyncStream<Void>, detaches: AsyncStream<Void>? = nil,
        notify: @escaping @Sendable (Notice) -> Void
    ) async throws -> Int32 {
        var options = options
        options.unattached = AttachedUpState.unattached(in: runtime.project.document)
        let initial = AttachedUpState(options: options)
        let containers = try await runtime.containers().filter { initial.attaches($0.service) }
        let state = SharedState(initial)
        let sink = WhileShown(sink: sink, state: state)
        let names = containers.map(displayName)
        names.forEach(sink.register)
        notify(.attaching(names))
        let streaming = ContainerLogStreaming(
            client: runtime.client, sink: sink,
            options: LogsOptions(
                follow: true, since: String(format: "%.6f", since.timeIntervalSince1970), timestamps: timestamps))
        let teardown = Teardown()
        let perform: @Sendable ([AttachedUpState.Action]) async -> Void = { actions in
            for action in actions { await self.perform(action, sink: sink, teardown: teardown, notify: notify) }
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withTaskGroup(of: Void.self) { streams in
                    for (container, name) in zip(containers, names) {
                        streams.addTask {
                            try? await streaming.stream(container.id, name: name)
                            // Cut off by a detach: the container did not exit.
                            if Task.isCancelled { return }
                            let inspected = try? await runtime.client.inspectContainer(container.id)
                            let event = AttachedUpState.Event.exited(
                                name: name, exitCode: inspected?.state.exitCode ?? -1)
                            await perform(state.withLock { $0.handle(event) })
                        }
                    }
                }
            }
            group.addTask {
                for await _ in interrupts { await perform(state.withLock { $0.handle(.interrupted) }) }
            }
            if let detaches {
                group.addTask {
                    for await _ in detaches {
                        _ = state.withLock { $0.handle(.detached) }
                        if state.withLock({ $0.isDetached }) { return }
                    }
                    // Without a detach, this task lasts as long as the output.
                    while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
                }
            }
            // The output ends when every attached container has stopped, however that came about, or on a detach.
            await group.next()
            group.cancelAll()
        }
        await teardown.finish()
        switch state.withLock({ $0.outcome }) {
        case .status(let status): return status
        case .exitCodeOf(let service): return await exitCode(of: service)
        }
    }

    private func perform(
        _ action: AttachedUpState.Action, sink: any LogSink, teardown: Teardown,
        notify: @escaping @Sendable (Notice) -> Void
    ) async {
        switch action {
        case .status(let name, let text): sink.status(name, text)
        case .notice(let notice): notify(.state(notice))
        case .stop:
            await teardown.start {
                try? await runtime.stop([], timeout: stopTimeout)
                notify(.teardownFinished)
            }
        case .kill:
            try? await runtime.kill([], signal: "SIGKILL")
            notify(.teardownFinished)
        }
    }

    /// The exit code of the service's first container; 1 when it has none.
    private func exitCode(of service: String) async -> Int32 {
        let container = try? await runtime.containers().first { $0.service == service }
        guard let container, let state = try? await runtime.client.inspectContainer(container.id).state else {
            return 1
        }
        return Int32(truncatingIfNeeded: state.exitCode)
    }

    /// `web-1` for a container with its default name, as Compose shows it; a `container_name` as it is.
    private func displayName(_ container: ObservedContainer) -> String {
        ContainerSummary.nameWithoutProject(
            container.name, project: runtime.project.name, service: container.service, number: String(container.number))
    }
}

/// The stop of an attached run: in the background (the output goes on meanwhile), awaited before the command
/// returns.
private actor Teardown {
    private var operations: [Task<Void, Never>] = []

    func start(_ operation: @escaping @Sendable () async -> Void) {
        operations.append(Task { await operation() })
    }

    func finish() async {
        for operation in operations { await operation.value }
    }
}

/// The containers' output while the attached `up`'s state shows it.
private struct WhileShown: LogSink {
    let sink: any LogSink
    let state: SharedState<AttachedUpState>

    func register(_ name: String) { sink.register(name) }

    func log(_ name: String, _ line: String) {
        if state.withLock({ $0.showsOutput }) { sink.log(name, line) }
    }

    func status(_ name: String, _ text: String) {
        if state.withLock({ $0.showsOutput }) { sink.status(name, text) }
    }

    func warn(_ message: String) { sink.warn(message) }
}
