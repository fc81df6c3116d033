import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

typealias HTTPChannel = NIOAsyncChannel<HTTPClientResponsePart, HTTPClientRequestPart>

/// One HTTP/1.1 connection to the engine, kept alive across requests: ``ConnectionPool`` hands it to one exchange
/// at a time, and takes it back when the exchange read its whole answer. Its channel stays open (inside
/// `executeThenClose`, on a task of its own) until ``close()``.
final class EngineConnection: @unchecked Sendable {
    // Unchecked: `responses` is used by the one exchange holding the connection; the pool's lock orders the
    // hand-overs between exchanges.
    let channel: any Channel
    let requests: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>
    private var responses: NIOAsyncChannelInboundStream<HTTPClientResponsePart>.AsyncIterator
    private let closing: AsyncStream<Void>.Continuation

    private init(
        channel: any Channel, requests: NIOAsyncChannelOutboundWriter<HTTPClientRequestPart>,
        responses: NIOAsyncChannelInboundStream<HTTPClientResponsePart>, closing: AsyncStream<Void>.Continuation
    ) {
        self.channel = channel
        self.requests = requests
        self.responses = responses.makeAsyncIterator()
        self.closing = closing
    }

    /// Wraps `channel` (with the HTTP client handlers in its pipeline) and keeps it open until ``close()``.
    static func open(_ channel: HTTPChannel) async throws -> EngineConnection {
        let (closing, closingContinuation) = AsyncStream.makeStream(of: Void.self)
        // However it closes (the engine, an error, ``close()``), the task holding it open ends.
        channel.channel.closeFuture.whenComplete { _ in closingContinuation.finish() }
        return try await withCheckedThrowingContinuation { opened in
            Task {
                do {
                    try await channel.executeThenClose { inbound, outbound in
                        opened.resume(
                            returning: EngineConnection(
                                channel: channel.channel, requests: outbound, responses: inbound,
                                closing: closingContinuation))
                        for await _ in closing {}
                    }
                } catch {
                    // Closing a connection the engine already closed: nothing is waiting on it any more.
                }
            }
        }
    }

    /// The next part of the answer, or `nil` once the engine closed the connection.
    func nextPart() async throws -> HTTPClientResponsePart? {
        try await responses.next()
    }

    /// Whether the engine has not closed it (an idle connection the engine closed is not reused).
    var isOpen: Bool { channel.isActive }

    /// Closes the connection; an exchange still reading it fails.
    func close() {
        channel.close(promise: nil)
        closing.finish()
    }
}

/// The idle connections of one endpoint, at most ``capacity`` of them: a request takes the most recently used
/// one that is still open, or opens a new one; hijacked and upgraded connections never come here.
final class ConnectionPool: Sendable {
    /// How many idle connections are kept; more may be open at once while requests run in parallel.
    static let capacity = 4
    private let idle = NIOLockedValueBox<[EngineConnection]>([])
    private let answered = NIOLockedValueBox(false)
    private let connector: EngineConnector

    init(connector: EngineConnector) {
        self.connector = connector
    }

    /// An open connection: an idle one, else a new one.
    func connection() async throws -> EngineConnection {
        while let reused = idle.withLockedValue({ $0.popLast() }) {
            if reused.isOpen { return reused }
            reused.close()
        }
        let channel = try await connector.connect { channel in
            try channel.pipeline.syncOperations.addHTTPClientHandlers()
            return try HTTPChannel(wrappingChannelSynchronously: channel)
        }
        return try await EngineConnection.open(channel)
    }

    /// Takes back a connection whose exchange read its whole answer; it is closed when the pool is full.
    func release(_ connection: EngineConnection) {
        let kept =
            connection.isOpen
            && idle.withLockedValue { connections in
                guard connections.count < Self.capacity else { return false }
                connections.append(connection)
                return true
            }
        if !kept { connection.close() }
    }

    /// Whether the engine has answered a request of this client: one that stops answering then went away.
    var hasAnswered: Bool {
        get { answered.withLockedValue { $0 } }
        set { answered.withLockedValue { $0 = newValue } }
    }

    /// Closes the idle connections (the next request opens a new one).
    func closeIdle() {
        for connection in idle.withLockedValue({ connections in
            defer { connections = [] }; return connections
        }) {
            connection.close()
        }
    }

    /// How many connections are idle (for tests).
    var idleCount: Int { idle.withLockedValue { $0.count } }
}
