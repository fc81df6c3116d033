import NIOCore
import NIOHTTP1

/// How the engine answered a hijack request.
enum HijackOutcome: Sendable {
    /// `101 UPGRADED`: the handler is gone and the connection carries raw bytes both ways.
    case upgraded(HTTPResponseHead)
    /// Any other answer (an error such as 404 or 409), with its body.
    case refused(HTTPResponseHead, [UInt8])
}

/// Sends a request asking to hijack the connection (`Connection: Upgrade`, `Upgrade: tcp`) once the channel is
/// active, and reads the answer's head from the raw bytes itself. On `101` it passes on the bytes that came after
/// the head, in the same read, and leaves the pipeline at once: nothing the engine wrote before closing the
/// connection is lost. (NIO's HTTP decoder drops the bytes it holds after an upgrade when the connection's end is
/// seen before its deferred removal, which a process that writes a line and exits makes happen.) NIO's typed
/// upgrade handler cannot send a request body, which `exec start` needs; hence this small handler.
final class HijackHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let request: ByteBuffer
    private let outcome: EventLoopPromise<HijackOutcome>
    private var sent = false
    private var completed = false
    private var received: ByteBuffer?
    private var refusal: (head: HTTPResponseHead, length: Int?)?

    init(requestHead: HTTPRequestHead, requestBody: [UInt8], outcome: EventLoopPromise<HijackOutcome>) {
        var request = ByteBuffer()
        request.writeString("\(requestHead.method.rawValue) \(requestHead.uri) HTTP/1.1\r\n")
        for (name, value) in requestHead.headers { request.writeString("\(name): \(value)\r\n") }
        request.writeString("\r\n")
        request.writeBytes(requestBody)
        self.request = request
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
        var bytes = unwrapInboundIn(data)
        if received == nil { received = bytes } else { received!.writeBuffer(&bytes) }
        guard !completed, var buffer = received else { return }
        if let refusal {
            // An error's body: to its length, to its last chunk, or to the connection's end.
            if let length = refusal.length {
                if buffer.readableBytes >= length {
                    complete(.success(.refused(refusal.head, Array(buffer.readableBytesView.prefix(length)))))
                }
            } else if refusal.head.headers.first(name: "Transfer-Encoding")?.lowercased() == "chunked",
                let body = UpgradeAnswer.dechunked(buffer.readableBytesView)
            {
                complete(.success(.refused(refusal.head, body)))
            }
            return
        }
        let view = buffer.readableBytesView
        guard let end = UpgradeAnswer.endOfHead(in: view) else {
            if buffer.readableBytes > UpgradeAnswer.headLimit {
                fail(EngineError.protocolError("the engine's answer to the attach request has no end of head"))
                context.close(promise: nil)
            }
            return
        }
        guard
            let head = buffer.readString(length: view.distance(from: view.startIndex, to: end)).flatMap(
                UpgradeAnswer.head)
        else {
            fail(EngineError.protocolError("the engine's answer to the attach request is not HTTP"))
            context.close(promise: nil)
            return
        }
        received = buffer
        if head.status == .switchingProtocols {
            upgrade(context: context, head: head, rest: buffer)
        } else {
            refusal = (head, UpgradeAnswer.contentLength(head))
            channelRead(context: context, data: NIOAny(ByteBuffer()))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let refusal {
            complete(.success(.refused(refusal.head, received.map { Array($0.readableBytesView) } ?? [])))
        }
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
        context.writeAndFlush(NIOAny(request), promise: nil)
    }

    /// Passes on what followed the head, then leaves the pipeline: later bytes go straight to the raw channel.
    private func upgrade(context: ChannelHandlerContext, head: HTTPResponseHead, rest: ByteBuffer) {
        completed = true
        received = nil
        if rest.readableBytes > 0 { context.fireChannelRead(NIOAny(rest)) }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        outcome.succeed(.upgraded(head))
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
