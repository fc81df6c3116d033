import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// A tiny HTTP server on 127.0.0.1 (random port), optionally with TLS, for tests that need exact control over the
/// answers: TLS handshakes, streams that never end, connections closed by the client, a fake registry, the
/// ``FakeEngine``.
package final class TestHTTPServer: Sendable {
    package enum Reply: Sendable {
        case full(status: HTTPResponseStatus, headers: [(String, String)], body: [UInt8])
        /// A chunked body that sends `chunk` every 10 ms until the client goes away.
        case endless(chunk: [UInt8])
        /// No answer at all: the connection stays open until the client closes it.
        case silent
        /// A chunked body of what `chunks` yields, as it yields it; it ends when `chunks` finishes.
        case stream(status: HTTPResponseStatus, headers: [(String, String)], chunks: AsyncStream<[UInt8]>)
        /// The answer `answer` gives once it returns (the head too waits, as the engine's `wait` does).
        case later(@Sendable () async -> Reply)
        /// No answer: the connection is closed at once, as an engine that went away or a faulty proxy closes it.
        case drop
        /// A head announcing `body`'s length, then half of it, then the connection closed.
        case truncated(body: [UInt8])
    }

    package struct Request: Sendable {
        package var head: HTTPRequestHead
        package var body: [UInt8]
    }

    package typealias Route = @Sendable (Request) -> Reply

    package let port: Int
    /// One element per connection the server saw closed.
    package let closedConnections: AsyncStream<Void>
    private let channel: Channel
    private let opened: NIOLockedValueBox<Int>

    private init(channel: Channel, port: Int, closedConnections: AsyncStream<Void>, opened: NIOLockedValueBox<Int>) {
        self.channel = channel
        self.port = port
        self.closedConnections = closedConnections
        self.opened = opened
    }

    /// How many connections clients opened so far.
    package var openedConnections: Int { opened.withLockedValue { $0 } }

    package static func start(tls: NIOSSLContext? = nil, route: @escaping Route) async throws -> TestHTTPServer {
        let (closed, closedContinuation) = AsyncStream.makeStream(of: Void.self)
        let opened = NIOLockedValueBox(0)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                opened.withLockedValue { $0 += 1 }
                return channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(
                        RouteHandler(route: route, onClose: { closedContinuation.yield() }))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw ChannelError.unknownLocalAddress }
        return TestHTTPServer(channel: channel, port: port, closedConnections: closed, opened: opened)
    }

    /// Runs `body` with a server started for it, and shuts the server down once `body` returns or throws.
    @discardableResult
    package static func with<Result>(
        tls: NIOSSLContext? = nil, route: @escaping Route, _ body: (TestHTTPServer) async throws -> Result
    ) async throws -> Result {
        try await CleanupStack.with { cleanups in
            let server = try await start(tls: tls, route: route)
            await cleanups.push { await server.shutdown() }
            return try await body(server)
        }
    }

    /// Stops listening; connections still open are closed as their clients go.
    package func shutdown() async {
        try? await channel.close()
    }
}

private final class RouteHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let route: TestHTTPServer.Route
    private let onClose: @Sendable () -> Void
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var repeating: RepeatedTask?
    private var streaming: Task<Void, Never>?

    init(route: @escaping TestHTTPServer.Route, onClose: @escaping @Sendable () -> Void) {
        self.route = route
        self.onClose = onClose
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(let buffer):
            body.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard let head else { return }
            reply(route(.init(head: head, body: body)), context: context, isHead: head.method == .HEAD)
        }
    }

    private func reply(_ reply: TestHTTPServer.Reply, context: ChannelHandlerContext, isHead: Bool) {
        switch reply {
        case .full(let status, let headers, let body):
            var fields = HTTPHeaders(headers)
            // A HEAD answer announces the length of the body it leaves out, as registries do.
            fields.replaceOrAdd(name: "Content-Length", value: String(body.count))
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: fields))),
                promise: nil)
            if !isHead, !body.isEmpty {
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
            }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        case .silent:
            break
        case .drop:
            context.close(promise: nil)
        case .truncated(let body):
            let fields = HTTPHeaders([("Content-Length", String(body.count))])
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: fields))), promise: nil)
            context.writeAndFlush(
                wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body.prefix(body.count / 2))))), promise: nil)
            context.close(promise: nil)
        case .endless(let chunk):
            let fields = HTTPHeaders([("Transfer-Encoding", "chunked"), ("Content-Type", "application/octet-stream")])
            context.writeAndFlush(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: fields))), promise: nil)
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            repeating = context.eventLoop.scheduleRepeatedTask(initialDelay: .zero, delay: .milliseconds(10)) { _ in
                let context = loopBound.value
                context.writeAndFlush(
                    NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: chunk)))), promise: nil)
            }
        case .stream(let status, let headers, let chunks):
            var fields = HTTPHeaders(headers)
            fields.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
            context.writeAndFlush(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: fields))),
                promise: nil)
            let (loopBound, eventLoop) = (NIOLoopBound(context, eventLoop: context.eventLoop), context.eventLoop)
            streaming = Task {
                for await chunk in chunks {
                    eventLoop.execute {
                        loopBound.value.writeAndFlush(
                            NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(bytes: chunk)))), promise: nil)
                    }
                }
                eventLoop.execute {
                    loopBound.value.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)), promise: nil)
                }
            }
        case .later(let answer):
            let (handler, loopBound) = (
                NIOLoopBound(self, eventLoop: context.eventLoop), NIOLoopBound(context, eventLoop: context.eventLoop)
            )
            let eventLoop = context.eventLoop
            streaming = Task {
                let reply = await answer()
                eventLoop.execute { handler.value.reply(reply, context: loopBound.value, isHead: isHead) }
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        repeating?.cancel()
        streaming?.cancel()
        onClose()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
