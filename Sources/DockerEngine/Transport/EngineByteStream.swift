import NIOCore

/// A response body read as it arrives, with back-pressure: the connection is read only as fast as the consumer
/// iterates. Stopping early (breaking out of the loop, dropping the stream, cancelling the task) closes the
/// connection. Iterate it once.
public struct EngineByteStream: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    typealias Producer = NIOThrowingAsyncSequenceProducer<
        [UInt8], any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, StreamDemand
    >

    let producer: Producer

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: Producer.AsyncIterator

        public mutating func next() async throws -> [UInt8]? {
            try await base.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: producer.makeAsyncIterator())
    }

    /// A stream and the source that feeds it; `onTerminate` runs once the consumer is gone (to close the
    /// connection).
    static func make(onTerminate: @escaping @Sendable () -> Void) -> (EngineByteStream, ByteStreamSource) {
        let (signals, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let demand = StreamDemand(signals: continuation, onTerminate: onTerminate)
        let made = Producer.makeSequence(
            elementType: [UInt8].self, failureType: (any Error).self,
            backPressureStrategy: .init(lowWatermark: 2, highWatermark: 8), finishOnDeinit: true, delegate: demand)
        return (EngineByteStream(producer: made.sequence), ByteStreamSource(source: made.source, demand: signals))
    }
}

/// Tells the producing task when the consumer wants more, and when it is gone.
final class StreamDemand: NIOAsyncSequenceProducerDelegate {
    private let signals: AsyncStream<Void>.Continuation
    private let onTerminate: @Sendable () -> Void

    init(signals: AsyncStream<Void>.Continuation, onTerminate: @escaping @Sendable () -> Void) {
        self.signals = signals
        self.onTerminate = onTerminate
    }

    func produceMore() {
        signals.yield()
    }

    func didTerminate() {
        signals.finish()
        onTerminate()
    }
}

/// The producing side of an ``EngineByteStream``, handed to the task that reads the connection.
struct ByteStreamSource: Sendable {
    let source: EngineByteStream.Producer.Source
    let demand: AsyncStream<Void>

    /// The writer the producing task uses; make one.
    func makeWriter() -> ByteStreamWriter {
        ByteStreamWriter(source: source, demand: demand.makeAsyncIterator())
    }
}

/// Yields chunks to an ``EngineByteStream``, waiting while the consumer's buffer is full.
struct ByteStreamWriter {
    let source: EngineByteStream.Producer.Source
    var demand: AsyncStream<Void>.AsyncIterator

    /// Hands `bytes` to the consumer; `false` once the consumer is gone.
    mutating func yield(_ bytes: [UInt8]) async -> Bool {
        switch source.yield(bytes) {
        case .produceMore:
            return true
        case .stopProducing:
            // `produceMore` may already have been signalled; the one-element buffer keeps that signal.
            return await demand.next() != nil
        case .dropped:
            return false
        }
    }

    func finish() {
        source.finish()
    }

    func finish(throwing error: any Error) {
        source.finish(error)
    }
}
