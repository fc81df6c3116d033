import Foundation
import Testing

@testable import DockerEngine

@Suite struct JSONLinesDecoderTests {
    static let stream = Array(
        """
        {"status":"Pulling from library/busybox","id":"latest"}
        {"status":"Downloading","progressDetail":{"current":1,"total":2},"id":"a1"}\r
        {"stream":"Step 1/2 : RUN echo \\"{not a brace}\\" \\\\"}
        {"aux":{"ID":"sha256:abc"}}
        """.utf8)

    static let expected: [JSONValue] = [
        ["status": "Pulling from library/busybox", "id": "latest"],
        ["status": "Downloading", "progressDetail": ["current": 1, "total": 2], "id": "a1"],
        ["stream": "Step 1/2 : RUN echo \"{not a brace}\" \\"],
        ["aux": ["ID": "sha256:abc"]],
    ]

    @Test func decodesWholeStream() throws {
        var decoder = JSONLinesDecoder()
        let values = try decoder.append(Self.stream, decoding: JSONValue.self)
        #expect(values == Self.expected)
        #expect(try decoder.finish().isEmpty)
    }

    @Test func everySplitOffsetGivesTheSameMessages() throws {
        for offset in 0...Self.stream.count {
            var decoder = JSONLinesDecoder()
            var values = try decoder.append(Self.stream[..<offset], decoding: JSONValue.self)
            values += try decoder.append(Self.stream[offset...], decoding: JSONValue.self)
            #expect(values == Self.expected, "split at \(offset)")
        }
    }

    @Test func byteByByte() throws {
        var decoder = JSONLinesDecoder()
        var values: [JSONValue] = []
        for byte in Self.stream { values += try decoder.append([byte], decoding: JSONValue.self) }
        #expect(values == Self.expected)
    }

    @Test func objectsRunTogetherWithoutNewlines() throws {
        var decoder = JSONLinesDecoder()
        let documents = decoder.append(Array(#"{"a":1}{"b":[1,{"c":"}"}]}  {"d":null}"#.utf8))
        #expect(
            documents.map { String(decoding: $0, as: UTF8.self) } == [
                #"{"a":1}"#, #"{"b":[1,{"c":"}"}]}"#, #"{"d":null}"#,
            ])
    }

    @Test func unicodeAndEscapesSurviveSplitting() throws {
        let text = Array(#"{"s":"héllo \u00e9 \"q\" 🐳"}"#.utf8)
        for offset in 0...text.count {
            var decoder = JSONLinesDecoder()
            var documents = decoder.append(text[..<offset])
            documents += decoder.append(text[offset...])
            let value = try JSONDecoder().decode(JSONValue.self, from: Data(try #require(documents.first)))
            #expect(value == ["s": "héllo é \"q\" 🐳"])
        }
    }

    @Test func truncatedObjectIsAnErrorAtTheEnd() throws {
        var decoder = JSONLinesDecoder()
        #expect(decoder.append(Array(#"{"a":1}{"b":"#.utf8)).count == 1)
        #expect(throws: EngineError.self) { try decoder.finish() }
    }

    @Test func bareScalarAtTheEndIsReturned() throws {
        var decoder = JSONLinesDecoder()
        #expect(decoder.append(Array("true\n42".utf8)).map { String(decoding: $0, as: UTF8.self) } == ["true"])
        #expect(try decoder.finish().map { String(decoding: $0, as: UTF8.self) } == ["42"])
    }

    @Test func undecodableMessageIsAProtocolError() throws {
        var decoder = JSONLinesDecoder()
        #expect {
            try decoder.append(Array(#"{"Type":"container"}"#.utf8), decoding: EngineEvent.self)
        } throws: { error in
            (error as? EngineError)?.code == .protocolError
        }
    }

    @Test func decodesEngineEvents() throws {
        let line = Array(
            #"""
            {"status":"start","id":"abc","from":"busybox","Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{"image":"busybox","name":"web"}},"scope":"local","time":1700000000,"timeNano":1700000000123456789}
            """#.utf8)
        var decoder = JSONLinesDecoder()
        let event = try #require(try decoder.append(line, decoding: EngineEvent.self).first)
        #expect(event.type == "container")
        #expect(event.action == "start")
        #expect(event.actor.attributes["name"] == "web")
        #expect(event.timeNano == 1_700_000_000_123_456_789)
    }

    @Test func progressErrorMessage() throws {
        var decoder = JSONLinesDecoder()
        let messages = try decoder.append(
            Array(#"{"errorDetail":{"message":"manifest unknown"},"error":"manifest unknown (legacy)"}"#.utf8),
            decoding: ProgressMessage.self)
        #expect(messages.first?.errorMessage == "manifest unknown")
    }
}
