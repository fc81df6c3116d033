/// One JSON message of a pull, push or build progress stream.
public struct ProgressMessage: Sendable, Hashable, Decodable {
    /// The layer or object the message is about.
    public var id: String?
    /// `Pulling fs layer`, `Downloading`, `Pull complete`…
    public var status: String?
    /// A rendered progress bar.
    public var progress: String?
    public var progressDetail: Detail?
    /// Build output text (`Step 1/3 : FROM …`).
    public var stream: String?
    /// An error: the operation failed even though the HTTP status was 200.
    public var error: String?
    public var errorDetail: ErrorDetail?
    /// Extra data, such as the built image's `{"ID": "sha256:…"}`.
    public var aux: JSONValue?

    public struct Detail: Sendable, Hashable, Decodable {
        public var current: Int64?
        public var total: Int64?
    }

    public struct ErrorDetail: Sendable, Hashable, Decodable {
        public var code: Int?
        public var message: String?
    }

    /// The error of an error message (its `errorDetail.message`, else `error`).
    public var errorMessage: String? { errorDetail?.message ?? error }
}

/// A progress stream (pull, build) whose error messages are thrown as ``EngineError`` with code `.server`, since
/// the engine reports such failures inside a stream that already answered 200.
public struct ProgressStream: AsyncSequence, Sendable {
    public typealias Element = ProgressMessage
    let messages: JSONMessageSequence<EngineByteStream, ProgressMessage>

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: JSONMessageSequence<EngineByteStream, ProgressMessage>.AsyncIterator

        public mutating func next() async throws -> ProgressMessage? {
            guard let message = try await base.next() else { return nil }
            if let failure = message.errorMessage {
                throw EngineError(.server, message: failure)
            }
            return message
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: messages.makeAsyncIterator())
    }

    /// Reads the stream to its end, returning every message (throws on the first error message).
    public func collect() async throws -> [ProgressMessage] {
        var all: [ProgressMessage] = []
        for try await message in self { all.append(message) }
        return all
    }
}
