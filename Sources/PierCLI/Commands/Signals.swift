import Dispatch
import Foundation

/// Signals as an async sequence: the default action (ending the process) is replaced by a notification.
enum Signals {
    static func watch(_ signals: [Int32]) -> AsyncStream<Void> {
        AsyncStream { continuation in
            let sources = signals.map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { continuation.yield() }
                source.resume()
                return source
            }
            let handle = SignalSources(sources)
            continuation.onTermination = { _ in handle.cancel() }
        }
    }

    /// `signals`, plus one event when `task` finishes.
    static func merge(_ signals: AsyncStream<Void>, _ task: Task<Void, Never>) -> AsyncStream<Void> {
        AsyncStream { continuation in
            let forward = Task {
                for await _ in signals { continuation.yield() }
                continuation.finish()
            }
            let finished = Task {
                await task.value
                if !Task.isCancelled { continuation.yield() }
            }
            continuation.onTermination = { _ in
                forward.cancel()
                finished.cancel()
            }
        }
    }
}

/// Dispatch sources may be cancelled from any thread; Dispatch's types just do not say so.
private final class SignalSources: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    init(_ sources: [any DispatchSourceSignal]) {
        self.sources = sources
    }

    func cancel() {
        sources.forEach { $0.cancel() }
    }
}
