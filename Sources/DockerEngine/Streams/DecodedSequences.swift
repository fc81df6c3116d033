import Foundation

/// Container output frames decoded from a byte stream (logs, attach, exec).
public struct OutputFrameSequence<Base: AsyncSequence>: AsyncSequence where Base.Element == [UInt8] {
    public typealias Element = OutputFrame
    let base: Base
    let mode: MultiplexedStreamDecoder.Mode

    public init(base: Base, mode: MultiplexedStreamDecoder.Mode) {
        self.base = base
        self.mode = mode
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        var decoder: MultiplexedStreamDecoder
        var ready: [OutputFrame] = []
        var finished = false

        public mutating func next() async throws -> OutputFrame? {
            while ready.isEmpty {
                guard !finished else { return nil }
                if let chunk = try await base.next() {
                    ready = try decoder.append(chunk)
                } else {
                    finished = true
                    try decoder.finish()
                }
            }
            return ready.removeFirst()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), decoder: MultiplexedStreamDecoder(mode: mode))
    }
}

extension OutputFrameSequence: Sendable where Base: Sendable {}

/// JSON messages decoded from a byte stream of JSON lines (events, progress).
public struct JSONMessageSequence<Base: AsyncSequence, Message: Decodable>: AsyncSequence
where Base.Element == [UInt8] {
    public typealias Element = Message
    let base: Base

    public init(base: Base, messageType: Message.Type = Message.self) {
        self.base = base
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        var decoder = JSONLinesDecoder()
        var ready: [Message] = []
        var finished = false

        public mutating func next() async throws -> Message? {
            while ready.isEmpty {
                guard !finished else { return nil }
                if let chunk = try await base.next() {
                    ready = try decoder.append(chunk, decoding: Message.self)
                } else {
                    finished = true
                    ready = try decoder.finish().map { try JSONDecoder().decode(Message.self, from: Data($0)) }
                }
            }
            return ready.removeFirst()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator())
    }
}

extension JSONMessageSequence: Sendable where Base: Sendable {}
