import Foundation

/// Splits a byte stream of JSON documents (events, pull and build progress) into whole documents, whatever the
/// chunking: one per line, a line split across chunks, or objects run together without a newline (as the engine
/// sometimes writes them). It tracks nesting and strings rather than looking for newlines.
public struct JSONLinesDecoder: Sendable {
    private var pending: [UInt8] = []
    /// Where scanning resumes in `pending`.
    private var scanned = 0
    /// Where the current document starts in `pending`, once its first byte is seen.
    private var documentStart: Int?
    private var depth = 0
    private var inString = false
    private var escaped = false

    public init() {}

    /// Feeds `bytes` and returns the documents they complete, in order, as raw JSON bytes.
    public mutating func append(_ bytes: some Sequence<UInt8>) -> [[UInt8]] {
        pending.append(contentsOf: bytes)
        var documents: [[UInt8]] = []
        while scanned < pending.count {
            let byte = pending[scanned]
            scanned += 1
            if documentStart == nil {
                if Self.isWhitespace(byte) { continue }
                documentStart = scanned - 1
            }
            if let end = advance(over: byte) {
                if let start = documentStart { documents.append(Array(pending[start..<end])) }
                documentStart = nil
            }
        }
        compact()
        return documents
    }

    /// Decodes each completed document as `T`.
    public mutating func append<T: Decodable>(
        _ bytes: some Sequence<UInt8>, decoding type: T.Type, with decoder: JSONDecoder = JSONDecoder()
    ) throws -> [T] {
        try append(bytes).map { document in
            do {
                return try decoder.decode(T.self, from: Data(document))
            } catch {
                let text = String(decoding: document.prefix(200), as: UTF8.self)
                throw EngineError.protocolError("cannot decode engine JSON message: \(text)", underlying: error)
            }
        }
    }

    /// Ends the stream: a bare scalar (`true`, `42`) still pending is returned; a truncated object is an error.
    public mutating func finish() throws -> [[UInt8]] {
        defer { self = JSONLinesDecoder() }
        guard let start = documentStart else { return [] }
        if depth == 0, !inString {
            return [Array(pending[start...])]
        }
        throw EngineError.protocolError("the engine's JSON stream ended inside a message")
    }

    /// Moves the state machine over `byte`; returns the end index of a document it completes.
    private mutating func advance(over byte: UInt8) -> Int? {
        if inString {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
                if depth == 0 { return scanned }
            }
            return nil
        }
        switch byte {
        case UInt8(ascii: "\""):
            inString = true
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            depth -= 1
            if depth <= 0 {
                depth = 0
                return scanned
            }
        default:
            // A top-level scalar ends at whitespace.
            if depth == 0, Self.isWhitespace(byte) { return scanned - 1 }
        }
        return nil
    }

    /// Drops consumed bytes so a long stream does not grow the buffer.
    private mutating func compact() {
        let keepFrom = documentStart ?? scanned
        guard keepFrom > 0 else { return }
        pending.removeFirst(keepFrom)
        scanned -= keepFrom
        if documentStart != nil { documentStart = 0 }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
