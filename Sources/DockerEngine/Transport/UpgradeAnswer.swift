import NIOCore
import NIOHTTP1

/// The engine's answer to a request that asks to take over its connection (a hijack for exec and attach, an HTTP/2
/// upgrade for BuildKit), read from the raw bytes: the handlers read it themselves, so that the bytes that follow
/// the head reach the new protocol whole.
enum UpgradeAnswer {
    /// The longest answer head accepted.
    static let headLimit = 64 * 1024

    /// The index just past the blank line that ends the head, once it has arrived.
    static func endOfHead<Bytes: Collection<UInt8>>(in bytes: Bytes) -> Bytes.Index? {
        bytes.firstRange(of: Array("\r\n\r\n".utf8))?.upperBound
    }

    /// `HTTP/1.1 404 Not Found` and its headers, or nil when it is not an HTTP answer.
    static func head(_ text: String) -> HTTPResponseHead? {
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: true)[...]
        guard let statusLine = lines.popFirst() else { return nil }
        let words = statusLine.split(separator: " ", maxSplits: 2)
        guard words.count >= 2, words[0].hasPrefix("HTTP/"), let code = Int(words[1]) else { return nil }
        var headers = HTTPHeaders()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            headers.add(name: String(line[..<colon]), value: String(value.reversed().drop { $0 == " " }.reversed()))
        }
        return HTTPResponseHead(version: .http1_1, status: .init(statusCode: code), headers: headers)
    }

    /// The `Content-Length` of an answer, when it has one.
    static func contentLength(_ head: HTTPResponseHead) -> Int? {
        head.headers.first(name: "Content-Length").flatMap { Int($0) }
    }

    /// The body of a chunked answer once its last chunk came, or nil while it has not.
    static func dechunked<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> [UInt8]? {
        let lineEnd = Array("\r\n".utf8)
        var body: [UInt8] = []
        var index = bytes.startIndex
        while let line = bytes[index...].firstRange(of: lineEnd) {
            let sizeText = String(decoding: bytes[index..<line.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { return body }
            if size == 0 { return body }
            guard bytes.distance(from: line.upperBound, to: bytes.endIndex) >= size + 2 else { return nil }
            let chunkEnd = bytes.index(line.upperBound, offsetBy: size)
            body += bytes[line.upperBound..<chunkEnd]
            index = bytes.index(chunkEnd, offsetBy: 2)
        }
        return nil
    }
}
