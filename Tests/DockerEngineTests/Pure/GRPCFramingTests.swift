import NIOCore
import NIOHTTP1
import Testing

@testable import DockerEngine

/// gRPC's framing of messages, read back whatever way the bytes are split.
@Suite struct GRPCFramingTests {
    @Test func messagesSurviveEverySplit() throws {
        let messages: [[UInt8]] = [[], Array("hello".utf8), Array(repeating: 7, count: 300)]
        var wire: [UInt8] = []
        for message in messages { wire += Array(GRPCMessageReader.frame(message).readableBytesView) }
        for split in 0...wire.count {
            var reader = GRPCMessageReader()
            var read: [[UInt8]] = []
            for part in [wire[..<split], wire[split...]] {
                reader.append(ByteBuffer(bytes: part))
                while let message = try reader.next() { read.append(message) }
            }
            #expect(read == messages)
            #expect(!reader.hasPartialMessage)
        }
    }

    @Test func compressedAndHugeMessagesAreRefused() {
        var compressed = GRPCMessageReader()
        compressed.append(ByteBuffer(bytes: [1, 0, 0, 0, 1, 42]))
        #expect(throws: GRPCStatus.self) { try compressed.next() }
        var huge = GRPCMessageReader()
        huge.append(ByteBuffer(bytes: [0, 0xFF, 0xFF, 0xFF, 0xFF]))
        #expect(throws: GRPCStatus.self) { try huge.next() }
    }

    @Test func statusMessagesArePercentEncoded() {
        let message = "secret 100% gone: é\n"
        let encoded = GRPCStatus.encodeMessage(message)
        #expect(encoded == "secret 100%25 gone: %C3%A9%0A")
        #expect(GRPCStatus.decodeMessage(encoded) == message)
    }

    @Test func upgradeAnswersAreParsed() {
        let head = Array("HTTP/1.1 404 Not Found\r\nContent-Length: 10\r\nX: y\r\n\r\n404 page..".utf8)
        let end = UpgradeAnswer.endOfHead(in: head)
        #expect(end == head.count - 10)
        let parsed = UpgradeAnswer.head(String(decoding: head[..<(end ?? 0)], as: UTF8.self))
        #expect(parsed?.status == .notFound && parsed.flatMap(UpgradeAnswer.contentLength) == 10)
        #expect(UpgradeAnswer.endOfHead(in: Array("HTTP/1.1 101 Switching".utf8)) == nil)
        #expect(UpgradeAnswer.head("SSH-2.0\r\n") == nil)
    }
}
