import DockerEngine
import Foundation
import Orchestration

/// `up` without `-d`: follows the attached services' output until their containers stop. Ctrl+C stops the
/// project gracefully; a second Ctrl+C kills it.
struct AttachedRun {
    let session: EngineSession
    let command: Up
    /// When this `up` began: output from earlier runs of the containers is not shown again.
    let since: Date

    private var runtime: ProjectRuntime { session.runtime }

    func run() async throws -> Int32 {
        let containers = try await runtime.containers().filter { attached($0.service) }
        let consumer = LogConsumer(
            colored: LogConsumer.wantsColor(noColor: command.noColor, ansi: command.global.ansi),
            showsPrefix: !command.noLogPrefix)
        let names = containers.map { displayName($0) }
        names.forEach(consumer.register)
        Output.write("Attaching to \(names.joined(separator: ", "))\n")
        let abort = command.abortOnContainerExit || command.exitCodeFrom != nil
        let firstExit = FirstExit()
        let signals = Signals.interrupts.stream()
        let teardown = Teardown()
        let streaming = ContainerLogStreaming(
            client: runtime.client, consumer: consumer,
            options: LogsOptions(
                follow: true, since: String(format: "%.6f", since.timeIntervalSince1970), timestamps: command.timestamps
            ))
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withTaskGroup(of: Void.self) { streams in
                    for (container, name) in zip(containers, names) {
                        streams.addTask {
                            try? await streaming.stream(container.id, name: name)
                            let code = (try? await runtime.client.inspectContainer(container.id).state.exitCode) ?? -1
                            consumer.status(name, "exited with code \(code)")
                            await firstExit.record(container: container, code: code)
                        }
                    }
                }
            }
            if abort {
                group.addTask {
                    await firstExit.wait()
                    Output.writeError("Aborting on container exit...\n")
                    await teardown.stop { await session.attempt { try await $0.stop([], timeout: command.timeout) } }
                }
            }
            group.addTask {
                // Ctrl+C stops the project gracefully; a second one kills it.
                for await _ in signals {
                    if await teardown.interrupt() == 1 {
                        Output.writeError("Gracefully stopping... (press Ctrl+C again to force)\n")
                        await teardown.stop {
                            await session.attempt { try await $0.stop([], timeout: command.timeout) }
                        }
                    } else {
                        _ = await session.attempt { try await $0.kill([], signal: "SIGKILL") }
                    }
                }
            }
            // The logs end when every container has stopped, however that came about.
            await group.next()
            group.cancelAll()
        }
        await teardown.finish()
        if await teardown.interruptions > 0 { return 130 }
        return await exitCode(firstExit: firstExit)
    }

    /// `web-1` for a container with its default name, as Compose shows it; a `container_name` as it is.
    private func displayName(_ container: ObservedContainer) -> String {
        ContainerSummary.nameWithoutProject(
            container.name, project: runtime.project.name, service: container.service, number: String(container.number))
    }

    private func attached(_ service: String) -> Bool {
        let selected =
            command.attach.isEmpty ? (command.services.isEmpty ? nil : Set(command.services)) : Set(command.attach)
        return (selected?.contains(service) ?? true) && !command.noAttach.contains(service)
    }

    private func exitCode(firstExit: FirstExit) async -> Int32 {
        if let service = command.exitCodeFrom {
            let container = try? await runtime.containers().first { $0.service == service }
            guard let container, let state = try? await runtime.client.inspectContainer(container.id).state else {
                return 1
            }
            return Int32(truncatingIfNeeded: state.exitCode)
        }
        if command.abortOnContainerExit, let code = await firstExit.code { return Int32(truncatingIfNeeded: code) }
        return 0
    }
}

/// The first container of an attached run to stop, and those waiting for it.
actor FirstExit {
    private(set) var code: Int?
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func record(container: ObservedContainer, code: Int) {
        guard self.code == nil else { return }
        self.code = code
        waiters.forEach { $0.resume() }
        waiters = []
    }

    func wait() async {
        if code != nil { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}

/// The stop of an attached run: started once (by Ctrl+C or an exit), awaited before the command returns.
actor Teardown {
    private(set) var interruptions = 0
    private var stopping: Task<Void, Never>?

    /// Counts a Ctrl+C; returns how many there were.
    func interrupt() -> Int {
        interruptions += 1
        return interruptions
    }

    func stop(_ operation: @escaping @Sendable () async -> Void) {
        guard stopping == nil else { return }
        stopping = Task { await operation() }
    }

    func finish() async {
        await stopping?.value
    }
}
