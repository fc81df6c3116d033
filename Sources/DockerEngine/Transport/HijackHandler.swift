import NIOCore
import NIOHTTP1

/// How the engine answered a hijack request.
enum HijackOutcome: Sendable {
    /// `101 UPGRADED`: the HTTP handlers are gone and the connection carries raw bytes both ways.
    case upgraded(HTTPResponseHead)
    /// Any other answer (an error such as 404 or 409), with its body.
    case refused(HTTPResponseHead, [UInt8])
}

/// Sends a request asking to hijack the connection (`Connection: Upgrade`, `Upgrade: tcp`) once the channel is
/// active; when the engine answers `101`, removes itself and the HTTP encoder and decoder so the bytes that follow
/// (including any that came in the same read as the head; the decoder forwards them) reach the raw byte channel.
/// NIO's typed upgrade handler cannot send a request body, which `exec start` needs; hence this small handler.
final class HijackHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias InboundOut = ByteBuffer

    private let requestHead: HTTPRequestHead
    private let requestBody: [UInt8]
    private let httpHandlers: [any RemovableChannelHandler]
    private let outcome: EventLoopPromise<HijackOutcome>
    private var sent = false
    private var completed = false
    private var responseHead: HTTPResponseHead?
    private var responseBody: [UInt8] = []

    init(
        requestHead: HTTPRequestHead, requestBody: [UInt8], httpHandlers: [any RemovableChannelHandler],
        outcome: EventLoopPromise<HijackOutcome>
    ) {
        self.requestHead = requestHead
        self.requestBody = requestBody
        self.httpHandlers = httpHandlers
        self.outcome = outcome
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { sendRequest(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        fail(EngineError.protocolError("the connection to the engine closed before it answered"))
    }

    func channelActive(context: ChannelHandlerContext) {
        sendRequest(context: context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            responseHead = head
        case .body(let buffer):
            responseBody.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard let head = responseHead else { return fail(EngineError.protocolError("response without a head")) }
            if head.status == .switchingProtocols {
                upgrade(context: context, head: head)
            } else {
                complete(.success(.refused(head, responseBody)))
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(EngineError.protocolError("the engine closed the connection before answering the attach request"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    private func sendRequest(context: ChannelHandlerContext) {
        guard !sent else { return }
        sent = true
        context.write(NIOAny(HTTPClientRequestPart.head(requestHead)), promise: nil)
        if !requestBody.isEmpty {
            context.write(NIOAny(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: requestBody)))), promise: nil)
        }
        context.writeAndFlush(NIOAny(HTTPClientRequestPart.end(nil)), promise: nil)
    }

    /// Leaves the pipeline first (so forwarded bytes skip it), then removes the HTTP handlers; the caller may
    /// write only after they are gone, as the response decoder also inspects outbound messages.
    private func upgrade(context: ChannelHandlerContext, head: HTTPResponseHead) {
        let pipeline = context.pipeline
        let eventLoop = context.eventLoop
        let outcome = self.outcome
        completed = true
        pipeline.syncOperations.removeHandler(context: context, promise: nil)
        let removals = httpHandlers.map { pipeline.syncOperations.removeHandler($0) }
        EventLoopFuture.andAllSucceed(removals, on: eventLoop).whenComplete { result in
            switch result {
            case .success: outcome.succeed(.upgraded(head))
            case .failure(let error): outcome.fail(error)
            }
        }
    }

    private func fail(_ error: any Error) {
        complete(.failure(error))
    }

    private func complete(_ result: Result<HijackOutcome, any Error>) {
        guard !completed else { return }
        completed = true
        outcome.completeWith(result)
    }
}

@available(*, unavailable)
extension HijackHandler: Sendable {}
