import NIOCore
import NIOHTTP1

/// A connection the engine handed over after `101 UPGRADED` (exec and attach): raw output bytes in, stdin out.
public struct HijackedConnection: Sendable {
    /// What the process writes, as raw bytes: multiplexed frames without a TTY, the terminal's bytes with one.
    /// Iterate it once (or use ``frames``, not both).
    public let output: HijackedOutput
    /// Whether the output is raw terminal bytes rather than multiplexed frames.
    public let isTTY: Bool
    let writer: NIOAsyncChannelOutboundWriter<ByteBuffer>

    /// The output decoded into stdout and stderr frames (all stdout with a TTY).
    public var frames: OutputFrameSequence<HijackedOutput> {
        OutputFrameSequence(base: output, mode: isTTY ? .raw : .multiplexed)
    }

    /// Sends `bytes` to the process's stdin.
    public func write(_ bytes: [UInt8]) async throws {
        try await writer.write(ByteBuffer(bytes: bytes))
    }

    /// Sends `text` (UTF-8) to the process's stdin.
    public func write(_ text: String) async throws {
        try await write(Array(text.utf8))
    }

    /// Closes stdin (half-closes the connection): the process reads end-of-file; output keeps coming.
    public func closeInput() {
        writer.finish()
    }
}

/// The raw bytes of a hijacked connection.
public struct HijackedOutput: AsyncSequence, Sendable {
    public typealias Element = [UInt8]
    let inbound: NIOAsyncChannelInboundStream<ByteBuffer>

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator

        public mutating func next() async throws -> [UInt8]? {
            do {
                guard let buffer = try await base.next() else { return nil }
                return Array(buffer.readableBytesView)
            } catch let error as CancellationError {
                throw error
            } catch {
                throw EngineError.protocolError("reading from the engine failed: \(error)", underlying: error)
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: inbound.makeAsyncIterator())
    }
}

extension EngineTransport {
    /// Sends `request` asking to hijack the connection and runs `body` with it once the engine upgraded it; the
    /// connection is closed when `body` returns or throws. An engine error (404, 409) is thrown as an
    /// ``EngineError``.
    func hijack<Result: Sendable>(
        _ request: EngineRequest, versionPrefix: String, isTTY: Bool,
        body: (HijackedConnection) async throws -> Result
    ) async throws -> Result {
        var request = request
        request.headers += [("Connection", "Upgrade"), ("Upgrade", "tcp")]
        let head = HTTPExchange.requestHead(
            request, target: request.target(versionPrefix: versionPrefix), hostHeader: endpoint.hostHeader)
        let requestBody: [UInt8] = if case .bytes(let bytes, _) = request.body { bytes } else { [] }
        let (channel, outcome) = try await connectOwn { channel in
            let promise = channel.eventLoop.makePromise(of: HijackOutcome.self)
            let handler = HijackHandler(requestHead: head, requestBody: requestBody, outcome: promise)
            try channel.pipeline.syncOperations.addHandler(handler)
            let raw = try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
            return (raw, promise.futureResult)
        }
        return try await channel.executeThenClose { inbound, outbound in
            let answer = try await mappingFailures {
                try await withTaskCancellationHandler {
                    try await outcome.get()
                } onCancel: {
                    channel.channel.close(promise: nil)
                }
            }
            switch answer {
            case .refused(let head, let errorBody):
                let status = Int(head.status.code)
                if status >= 400 { throw EngineError.fromResponse(status: status, body: errorBody) }
                throw EngineError(
                    .protocolError, status: status,
                    message: "the engine answered HTTP \(status) instead of upgrading the connection")
            case .upgraded:
                // The caller's own errors pass through unchanged.
                return try await body(
                    HijackedConnection(output: HijackedOutput(inbound: inbound), isTTY: isTTY, writer: outbound))
            }
        }
    }
}
