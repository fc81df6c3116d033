import Foundation

/// One Engine API call: method, path (without the `/v1.xx` prefix), query, headers and body.
public struct EngineRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case delete = "DELETE"
        case head = "HEAD"
    }

    public var method: Method
    /// The path, e.g. `/containers/json`; the client prefixes the negotiated `/v1.xx`.
    public var path: String
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: EngineRequestBody
    /// Whether to prefix the API version (`/_ping` works with and without it; negotiation needs without).
    public var isVersioned: Bool
    /// Whether sending the request twice does what sending it once does, so that it is sent again when its
    /// connection breaks: `GET`, `HEAD` and `PUT` by default, and the calls that say so (starting a container
    /// twice is starting it once; removing it twice finds it gone).
    public var isIdempotent: Bool

    public init(
        _ method: Method, _ path: String, query: [(name: String, value: String)] = [],
        headers: [(name: String, value: String)] = [], body: EngineRequestBody = .empty, isVersioned: Bool = true
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.isVersioned = isVersioned
        self.isIdempotent = [.get, .head, .put].contains(method)
    }

    /// The request, marked idempotent: sent again when its connection breaks.
    public func idempotent() -> EngineRequest {
        var request = self
        request.isIdempotent = true
        return request
    }

    /// Whether the body can be sent a second time (a streamed body is read once).
    var isReplayable: Bool {
        if case .stream = body { return false }
        return true
    }

    /// A request with a JSON body (and `Content-Type: application/json`).
    public static func json(
        _ method: Method, _ path: String, query: [(name: String, value: String)] = [], body: JSONValue
    )
        throws -> EngineRequest
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = try [UInt8](encoder.encode(body))
        return EngineRequest(method, path, query: query, body: .bytes(bytes, contentType: "application/json"))
    }

    /// The request target: `prefix` + path + percent-encoded query.
    func target(versionPrefix: String) -> String {
        let base = (isVersioned ? versionPrefix : "") + path
        guard !query.isEmpty else { return base }
        return base + "?"
            + query.map { "\(Self.percentEncode($0.name))=\(Self.percentEncode($0.value))" }
            .joined(separator: "&")
    }

    /// Encodes everything but RFC 3986's unreserved characters, so JSON filters survive intact.
    static func percentEncode(_ text: String, keeping kept: String = "") -> String {
        var encoded = ""
        for byte in text.utf8 {
            if kept.utf8.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
                continue
            }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }
}

/// A request body: none, bytes, or a stream of chunks sent with chunked transfer encoding (build contexts).
public enum EngineRequestBody: Sendable {
    case empty
    case bytes([UInt8], contentType: String)
    case stream(EngineBodyStream, contentType: String)
}

/// A sendable, type-erased stream of body chunks, made fresh for each request.
public struct EngineBodyStream: Sendable {
    let makeStream: @Sendable () -> AsyncThrowingStream<[UInt8], any Error>

    /// Sends the chunks of `sequence` (read once, when the request is sent). Chunks are pulled as the connection
    /// takes them, so a large body (a build context) is never read far ahead of the socket.
    public init<Chunks: AsyncSequence & Sendable>(_ sequence: Chunks) where Chunks.Element == [UInt8] {
        makeStream = {
            let source = PulledIterator(sequence.makeAsyncIterator())
            return AsyncThrowingStream(unfolding: { try await source.next() })
        }
    }

    /// Sends `bytes` in chunks of `chunkSize`.
    public init(bytes: [UInt8], chunkSize: Int = 64 * 1024) {
        makeStream = {
            AsyncThrowingStream { continuation in
                for start in stride(from: 0, to: bytes.count, by: max(chunkSize, 1)) {
                    continuation.yield(Array(bytes[start..<min(start + chunkSize, bytes.count)]))
                }
                continuation.finish()
            }
        }
    }
}

/// An iterator the body stream pulls from: only its one consumer (the request writer) calls `next`, one call at
/// a time, which is what makes sharing it safe.
private final class PulledIterator<Base: AsyncIteratorProtocol>: @unchecked Sendable where Base.Element == [UInt8] {
    private var base: Base

    init(_ base: Base) {
        self.base = base
    }

    func next() async throws -> [UInt8]? {
        try await base.next()
    }
}

/// Builds query items, leaving out unset options.
struct QueryBuilder {
    private(set) var items: [(name: String, value: String)] = []

    mutating func add(_ name: String, _ value: String?) {
        if let value { items.append((name, value)) }
    }

    mutating func add(_ name: String, _ value: Int?) {
        add(name, value.map(String.init))
    }

    /// Booleans as the engine's `1`/`0`; `nil` and (when `omitFalse`) `false` are left out.
    mutating func add(_ name: String, _ value: Bool?, omitFalse: Bool = true) {
        guard let value, value || !omitFalse else { return }
        items.append((name, value ? "1" : "0"))
    }

    mutating func add(_ name: String, _ filters: EngineFilters) {
        if !filters.isEmpty { items.append((name, filters.json)) }
    }
}
