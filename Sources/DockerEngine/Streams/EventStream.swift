import Foundation

/// The engine's events as they happen (`GET /events`), surviving a broken connection: when the stream breaks off
/// while the engine still answers (a proxy cut it, an idle connection was closed), it is opened again from the
/// time of the last event, and the events of that instant already delivered are not delivered twice. When the
/// engine went away, or the stream breaks off again at once three times running, the iteration fails. Break out
/// of the loop or cancel the task to stop listening.
public struct EventStream: AsyncSequence, Sendable {
    public typealias Element = EngineEvent
    typealias Messages = JSONMessageSequence<EngineByteStream, EngineEvent>

    let client: EngineClient
    let filters: EngineFilters
    let since: String?
    let until: String?
    let first: Messages

    public struct AsyncIterator: AsyncIteratorProtocol {
        let stream: EventStream
        var base: Messages.AsyncIterator
        /// The time of the last event delivered, and what was delivered at that instant.
        var lastTime: Int64?
        var deliveredAtLastTime: Set<String> = []
        let opened = Date()
        /// When the current stream was opened, and how many opened in a row broke within a second.
        var currentOpened = ContinuousClock.now
        var quickBreaks = 0

        public mutating func next() async throws -> EngineEvent? {
            while true {
                let event: EngineEvent?
                do {
                    event = try await base.next()
                } catch let error as EngineError where error.code == .connectionLost {
                    try await reopen(after: error)
                    continue
                }
                guard let event else {
                    // Only `until` ends the stream; without it the engine closing it is a break.
                    if stream.until != nil { return nil }
                    try await reopen(after: EngineError(.connectionLost, message: "the engine ended its event stream"))
                    continue
                }
                let key = "\(event.type) \(event.actor.id) \(event.action)"
                if event.timeNano == lastTime {
                    guard deliveredAtLastTime.insert(key).inserted else { continue }
                } else {
                    lastTime = event.timeNano
                    deliveredAtLastTime = [key]
                }
                return event
            }
        }

        private mutating func reopen(after error: EngineError) async throws {
            let explained = await stream.client.explaining(error)
            quickBreaks = ContinuousClock.now - currentOpened < .seconds(1) ? quickBreaks + 1 : 1
            guard (explained as? EngineError)?.code != .wentAway, quickBreaks < 3 else { throw explained }
            let since =
                lastTime.map(Self.timestamp) ?? stream.since
                ?? Self.timestamp(Int64(opened.timeIntervalSince1970 * 1_000_000_000))
            base = try await stream.client.eventMessages(filters: stream.filters, since: since, until: stream.until)
                .makeAsyncIterator()
            currentOpened = .now
        }

        /// `seconds.nanoseconds`, as the engine takes `since`.
        static func timestamp(_ nanoseconds: Int64) -> String {
            let seconds = nanoseconds / 1_000_000_000
            let fraction = String(nanoseconds - seconds * 1_000_000_000)
            return "\(seconds)." + String(repeating: "0", count: 9 - fraction.count) + fraction
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(stream: self, base: first.makeAsyncIterator())
    }
}
