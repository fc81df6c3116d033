import Testing

@testable import DockerEngine

@Suite struct MultiplexedStreamDecoderTests {
    static func frame(_ type: UInt8, _ text: String) -> [UInt8] {
        let payload = Array(text.utf8)
        let length = UInt32(payload.count)
        return [
            type, 0, 0, 0, UInt8(length >> 24), UInt8((length >> 16) & 0xff), UInt8((length >> 8) & 0xff),
            UInt8(length & 0xff),
        ] + payload
    }

    static let stream =
        frame(1, "out\n") + frame(2, "err\n") + frame(1, "") + frame(1, String(repeating: "x", count: 300))
    static let expected = [
        OutputFrame(source: .stdout, bytes: Array("out\n".utf8)),
        OutputFrame(source: .stderr, bytes: Array("err\n".utf8)),
        OutputFrame(source: .stdout, bytes: Array(repeating: UInt8(ascii: "x"), count: 300)),
    ]

    @Test func decodesFrames() throws {
        var decoder = MultiplexedStreamDecoder(mode: .multiplexed)
        #expect(try decoder.append(Self.stream) == Self.expected)
        try decoder.finish()
    }

    @Test func everySplitOffsetGivesTheSameFrames() throws {
        for offset in 0...Self.stream.count {
            var decoder = MultiplexedStreamDecoder(mode: .multiplexed)
            var frames = try decoder.append(Self.stream[..<offset])
            frames += try decoder.append(Self.stream[offset...])
            #expect(frames == Self.expected, "split at \(offset)")
            try decoder.finish()
        }
    }

    @Test func everyPairOfSplitsGivesTheSameFrames() throws {
        let stream = Self.stream.prefix(40)
        let expected = Array(Self.expected.prefix(2))
        for first in 0...stream.count {
            for second in first...stream.count {
                var decoder = MultiplexedStreamDecoder(mode: .multiplexed)
                var frames = try decoder.append(stream[stream.startIndex..<first])
                frames += try decoder.append(stream[first..<second])
                frames += try decoder.append(stream[second...])
                #expect(frames == expected, "splits at \(first), \(second)")
            }
        }
    }

    @Test func byteByByteOverALongStream() throws {
        let frames = (0..<200).map { index in Self.frame(index % 2 == 0 ? 1 : 2, "line \(index)\n") }
        var decoder = MultiplexedStreamDecoder(mode: .multiplexed)
        var decoded: [OutputFrame] = []
        for byte in frames.joined() { decoded += try decoder.append([byte]) }
        #expect(decoded.count == 200)
        #expect(decoded.last?.text == "line 199\n")
        #expect(decoded.last?.source == .stderr)
    }

    @Test func rawModePassesBytesThroughAsStdout() throws {
        var decoder = MultiplexedStreamDecoder(mode: .raw)
        let bytes = Self.frame(1, "looks like a frame")
        #expect(try decoder.append(bytes) == [OutputFrame(source: .stdout, bytes: bytes)])
        #expect(try decoder.append([UInt8]()) == [])
        try decoder.finish()
    }

    @Test func badHeaderIsAProtocolError() {
        var decoder = MultiplexedStreamDecoder(mode: .multiplexed)
        #expect {
            try decoder.append(Array("hello, world".utf8))
        } throws: { error in
            (error as? EngineError)?.code == .protocolError && "\(error)".contains("TTY")
        }
    }

    @Test func truncatedFrameIsAnErrorAtTheEnd() throws {
        var decoder = MultiplexedStreamDecoder(mode: .multiplexed)
        #expect(try decoder.append(Self.frame(1, "complete") + Self.frame(2, "cut").dropLast()).count == 1)
        #expect(throws: EngineError.self) { try decoder.finish() }
    }

    @Test func systemErrorFrames() throws {
        var decoder = MultiplexedStreamDecoder(mode: .multiplexed)
        #expect(try decoder.append(Self.frame(3, "oops")).first?.source == .system)
    }
}
