import NIOCore
import NIOHTTP1
import NIOHTTP2

/// One stream of an HTTP/2 connection, its frames as async sequences.
typealias HTTP2StreamChannel = NIOAsyncChannel<HTTP2Frame.FramePayload, HTTP2Frame.FramePayload>

/// An HTTP/2 connection the engine upgraded from HTTP/1.1 (`Upgrade: h2c`): BuildKit's control API on `/grpc`,
/// where Pier opens the streams, and a build session on `/session`, where the engine does.
struct HTTP2Connection: Sendable {
    let channel: any Channel
    let multiplexer: NIOHTTP2Handler.AsyncStreamMultiplexer<HTTP2StreamChannel>

    /// Closes the connection and every stream on it.
    func close() {
        channel.close(promise: nil)
    }
}

extension EngineTransport {
    /// Sends `request` asking to upgrade the connection to HTTP/2 and returns the connection once the engine
    /// agreed (`101`). `mode` is Pier's side: `.client` to call the engine, `.server` to be called by it.
    /// An engine that refuses (Podman answers 404) throws an ``EngineError`` with its status and message.
    func upgradeToHTTP2(
        _ request: EngineRequest, versionPrefix: String, mode: NIOHTTP2Handler.ParserMode
    ) async throws -> HTTP2Connection {
        var head = "\(request.method.rawValue) \(request.target(versionPrefix: versionPrefix)) HTTP/1.1\r\n"
        head += "Host: \(endpoint.hostHeader)\r\nUser-Agent: Pier\r\n"
        head += "Content-Length: 0\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n"
        for (name, value) in request.headers { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "\r\n").utf8)
        let (channel, upgraded) = try await connectOwn { channel in
            let promise = channel.eventLoop.makePromise(
                of: NIOHTTP2Handler.AsyncStreamMultiplexer<HTTP2StreamChannel>.self)
            // A small send buffer: what Pier sends (a build context) waits in Pier rather than in the kernel, where
            // it would hold up the answers to the engine's calls behind it (HTTP/2 shares one socket).
            try channel.syncOptions?.setOption(.socketOption(.so_sndbuf), value: 16 << 10)
            try channel.pipeline.syncOperations.addHandler(
                HTTP2UpgradeHandler(request: bytes, mode: mode, upgraded: promise))
            return (channel, promise.futureResult)
        }
        do {
            let multiplexer = try await mappingFailures {
                try await withTaskCancellationHandler {
                    try await upgraded.get()
                } onCancel: {
                    channel.close(promise: nil)
                }
            }
            return HTTP2Connection(channel: channel, multiplexer: multiplexer)
        } catch {
            channel.close(promise: nil)
            throw error
        }
    }
}

/// Writes a bodiless HTTP/1.1 upgrade request, reads the answer's head itself (no HTTP/1 codec, whose removal
/// would race with the first HTTP/2 bytes) and, on `101`, puts NIO's HTTP/2 handler in its place and hands it any
/// bytes that came with the head. Any other answer fails the promise with the engine's status and message.
final class HTTP2UpgradeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias Multiplexer = NIOHTTP2Handler.AsyncStreamMultiplexer<HTTP2StreamChannel>

    private let request: [UInt8]
    private let mode: NIOHTTP2Handler.ParserMode
    private let upgraded: EventLoopPromise<Multiplexer>
    private var sent = false
    private var completed = false
    private var received: [UInt8] = []
    /// A refusal's status and body length, once its head was read.
    private var refusal: (status: Int, bodyStart: Int, bodyLength: Int?)?

    /// Large receive windows: the engine then never waits for Pier's window updates, which queue behind what Pier
    /// is sending (a build context) and would hold up the engine's small calls, the session's health checks among
    /// them (BuildKit 0.8 ends a session whose health check goes unanswered for 1.5 s). And no limit on the rate
    /// of the engine's control frames: its gRPC library pings with every burst of data it receives (to size its
    /// windows), far more than NIO's default guard against abusive peers allows; the peer is the local engine.
    static let configuration: NIOHTTP2Handler.Configuration = {
        var configuration = NIOHTTP2Handler.Configuration()
        configuration.connection.controlFrameRateLimit.maximumCount = .max
        configuration.connection.maximumConnectionGlitches = .max
        configuration.connection.initialSettings =
            nioDefaultSettings + [
                HTTP2Setting(parameter: .initialWindowSize, value: 4 << 20)
            ]
        configuration.connection.targetWindowSize = 64 << 20
        configuration.stream.targetWindowSize = 4 << 20
        return configuration
    }()

    init(request: [UInt8], mode: NIOHTTP2Handler.ParserMode, upgraded: EventLoopPromise<Multiplexer>) {
        self.request = request
        self.mode = mode
        self.upgraded = upgraded
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { send(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        send(context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received.append(contentsOf: unwrapInboundIn(data).readableBytesView)
        if let refusal {
            finishRefusal(refusal, context: context)
            return
        }
        guard let headEnd = UpgradeAnswer.endOfHead(in: received) else {
            if received.count > UpgradeAnswer.headLimit {
                fail(EngineError.protocolError("the engine's answer to the HTTP/2 upgrade has no end of head"))
                context.close(promise: nil)
            }
            return
        }
        let head = UpgradeAnswer.head(String(decoding: received[..<headEnd], as: UTF8.self))
        guard let head, head.status == .switchingProtocols else {
            let length = head.flatMap(UpgradeAnswer.contentLength)
            let refusal = (status: head.map { Int($0.status.code) } ?? 0, bodyStart: headEnd, bodyLength: length)
            self.refusal = refusal
            finishRefusal(refusal, context: context)
            return
        }
        do {
            let multiplexer = try context.pipeline.syncOperations.configureAsyncHTTP2Pipeline(
                mode: mode, configuration: Self.configuration
            ) { stream in
                stream.eventLoop.makeCompletedFuture {
                    try HTTP2StreamChannel(wrappingChannelSynchronously: stream)
                }
            }
            completed = true
            upgraded.succeed(multiplexer)
            let leftover = received[headEnd...]
            if !leftover.isEmpty { context.fireChannelRead(wrapInboundOut(ByteBuffer(bytes: leftover))) }
            received = []
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        } catch {
            fail(error)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let refusal {
            complete(refusal, body: Array(received[refusal.bodyStart...]))
        } else {
            fail(EngineError(.connectionLost, message: "the engine closed the connection before agreeing to HTTP/2"))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        fail(EngineError.protocolError("the connection to the engine closed before it answered"))
    }

    private func send(context: ChannelHandlerContext) {
        guard !sent else { return }
        sent = true
        context.writeAndFlush(NIOAny(ByteBuffer(bytes: request)), promise: nil)
    }

    private func finishRefusal(
        _ refusal: (status: Int, bodyStart: Int, bodyLength: Int?), context: ChannelHandlerContext
    ) {
        guard let length = refusal.bodyLength, received.count - refusal.bodyStart >= length else { return }
        complete(refusal, body: Array(received[refusal.bodyStart..<(refusal.bodyStart + length)]))
        context.close(promise: nil)
    }

    private func complete(_ refusal: (status: Int, bodyStart: Int, bodyLength: Int?), body: [UInt8]) {
        if refusal.status >= 400 {
            fail(EngineError.fromResponse(status: refusal.status, body: body))
        } else {
            fail(
                EngineError(
                    .protocolError, status: refusal.status,
                    message: "the engine answered HTTP \(refusal.status) instead of switching to HTTP/2"))
        }
    }

    private func fail(_ error: any Error) {
        guard !completed else { return }
        completed = true
        upgraded.fail(error)
    }
}

@available(*, unavailable)
extension HTTP2UpgradeHandler: Sendable {}
