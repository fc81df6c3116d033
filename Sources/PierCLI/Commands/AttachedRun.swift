import DockerEngine
import Foundation
import Orchestration

/// `up` without `-d`: follows the attached services' output until their containers stop. Ctrl+C stops the
/// project gracefully; a second Ctrl+C kills it.
struct AttachedRun {
    let session: EngineSession
    let command: Up

    private var runtime: ProjectRuntime { session.runtime }

    func run() async -> Int32 {
        let containers: [ObservedContainer]
        do {
            containers = try await runtime.containers().filter { attached($0.service) }
        } catch {
            Failure.exit(message: EngineSession.message(for: error))
        }
        let printer = LogPrinter(
            containers: containers, colored: LogPrinter.wantsColor(noColor: command.noColor, ansi: command.global.ansi),
            prefix: !command.noLogPrefix)
        FileHandle.standardOutput.write(Data("Attaching to \(containers.map(\.name).joined(separator: ", "))\n".utf8))
        let abort = command.abortOnContainerExit || command.exitCodeFrom != nil
        let firstExit = FirstExit()
        let signals = Signals.watch([SIGINT, SIGTERM])
        let follower = LogFollower(client: runtime.client)
        let options = LogsOptions(follow: true, timestamps: command.timestamps)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withTaskGroup(of: Void.self) { streams in
                    for container in containers {
                        streams.addTask {
                            let (lines, continuation) = AsyncThrowingStream<LogLine, any Error>.makeStream()
                            let reader = Task {
                                await follower.follow(container, options: options, into: continuation);
                                continuation.finish()
                            }
                            do { for try await line in lines { printer.print(line) } } catch {}
                            await reader.value
                            let code = (try? await runtime.client.inspectContainer(container.id).state.exitCode) ?? -1
                            printer.notice("\(container.name) exited with code \(code)", service: container.service)
                            await firstExit.record(container: container, code: code)
                        }
                    }
                }
            }
            group.addTask {
                // Ctrl+C, or the first exit with --abort-on-container-exit, stops everything.
                var interrupts = 0
                let exited = Task { if abort { await firstExit.wait() } }
                for await _ in Signals.merge(signals, exited) {
                    interrupts += 1
                    if interrupts == 1 {
                        FileHandle.standardError.write(
                            Data("Gracefully stopping... (press Ctrl+C again to force)\n".utf8))
                        Task { await session.run { try await $0.stop([], timeout: command.timeout) } }
                    } else {
                        await session.run { try await $0.kill([], signal: "SIGKILL") }
                    }
                }
            }
            await group.next()
            group.cancelAll()
        }
        return await exitCode(firstExit: firstExit)
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
