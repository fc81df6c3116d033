import Dispatch
import Foundation
import Orchestration
import Synchronization

/// Ctrl+C and termination requests as async sequences. The signal sources are installed once for the whole
/// process (re-creating them after a cancel loses signals on Linux); each `stream()` sees every later signal.
final class Signals: Sendable {
    static let interrupts = Signals([SIGINT, SIGTERM])
    /// Terminal window size changes, for TTY sessions (`exec`, `run`, `attach`).
    static let windowChanges = Signals([SIGWINCH])
    /// Ctrl+C and termination requests apart, for `run`, which forwards each to its container as itself.
    static let keyboardInterrupts = Signals([SIGINT])
    static let terminationRequests = Signals([SIGTERM])

    private final class Subscribers: Sendable {
        let continuations = Mutex<[UUID: AsyncStream<Void>.Continuation]>([:])
    }

    private let subscribers = Subscribers()
    private let sources: SignalSources

    private init(_ numbers: [Int32]) {
        let subscribers = self.subscribers
        sources = SignalSources(
            numbers.map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler {
                    for continuation in subscribers.continuations.withLock({ Array($0.values) }) {
                        continuation.yield()
                    }
                }
                source.resume()
                return source
            })
    }

    /// The signals that arrive from now on, until the consumer stops.
    func stream() -> AsyncStream<Void> {
        let token = UUID()
        return AsyncStream { continuation in
            subscribers.continuations.withLock { $0[token] = continuation }
            continuation.onTermination = { [subscribers] _ in
                subscribers.continuations.withLock { _ = $0.removeValue(forKey: token) }
            }
        }
    }
}

extension Signals {
    /// Ctrl+C and termination requests, each as itself, for a session that passes them on to its container.
    static func sessionSignals() -> AsyncStream<ContainerSessionState.Signal> {
        let interrupts = keyboardInterrupts.stream()
        let terminations = terminationRequests.stream()
        return AsyncStream { continuation in
            let relay = Task {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { for await _ in interrupts { continuation.yield(.interrupt) } }
                    group.addTask { for await _ in terminations { continuation.yield(.terminate) } }
                }
            }
            continuation.onTermination = { _ in relay.cancel() }
        }
    }

    /// Runs `body` until it returns, or until one of these signals arrives: then `body` is cancelled, and once it
    /// has unwound (its `defer` blocks run: a terminal in raw mode is restored) `interrupted` is returned.
    func cancelling<Result: Sendable>(
        _ body: @escaping @Sendable () async throws -> Result, returning interrupted: Result
    ) async throws -> Result {
        let signals = stream()
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                for await _ in signals { break }
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first ?? interrupted
        }
    }
}

/// Dispatch sources are safe to use from any thread; Dispatch's types just do not say so. They live as long as
/// the process.
private final class SignalSources: @unchecked Sendable {
    let sources: [any DispatchSourceSignal]

    init(_ sources: [any DispatchSourceSignal]) {
        self.sources = sources
    }
}
