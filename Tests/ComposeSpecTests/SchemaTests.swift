import Testing

@testable import ComposeSpec

/// A compose file the schema rejects, and the error Pier must give: code, message and line:column.
struct InvalidSchemaCase: Sendable, CustomTestStringConvertible {
    var yaml: String
    var code: ComposeError.Code
    var message: String
    var line: Int
    var column: Int

    init(_ yaml: String, _ code: ComposeError.Code, _ message: String, at line: Int, _ column: Int) {
        self.yaml = yaml
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    var testDescription: String { message }
}

@Suite struct SchemaTests {
    /// The first node of `yaml`, as the loader reads it.
    static func document(_ yaml: String) throws -> Node {
        try #require(try YAMLReader.documents(yaml, file: "compose.yaml").first)
    }

    @Test(arguments: SchemaCases.invalid)
    func rejectsWithLocatedError(_ example: InvalidSchemaCase) throws {
        let document = try Self.document(example.yaml)
        let error = try #require(throws: ComposeError.self) { try SchemaValidator.validate(document) }
        #expect(error.message == example.message)
        #expect(error.code == example.code)
        #expect(error.location?.line == example.line)
        #expect(error.location?.column == example.column)
        #expect(error.location?.file == "compose.yaml")
    }

    @Test(arguments: SchemaCases.valid)
    func acceptsValidDocument(_ yaml: String) throws {
        let document = try Self.document(yaml)
        #expect(throws: Never.self) { try SchemaValidator.validate(document) }
    }

    @Test func reportsFirstProblemInDocumentOrder() throws {
        let yaml = "services:\n  a:\n    image: 1\n    imagee: x\n  b:\n    foo: 1\n"
        let error = try #require(throws: ComposeError.self) {
            try SchemaValidator.validate(try Self.document(yaml))
        }
        #expect(error.description == "compose.yaml:3:12: services.a.image must be a string")
    }

    @Test(
        arguments: [
            ("imagee", ["image", "init"], "image"), ("enviroment", ["environment"], "environment"),
            ("Image", ["image"], "image"), ("foo", ["image", "tty"], nil), ("dependson", ["depends_on"], "depends_on"),
        ] as [(String, [String], String?)])
    func suggestsCloseNames(_ word: String, _ candidates: [String], _ expected: String?) {
        #expect(Suggestion.closest(to: word, among: candidates) == expected)
    }

    @Test func deduplicatedPathsNameSchemaProperties() throws {
        let schema = try SchemaCompiler.compile(
            ComposeSchemaDocument.json, deduplicated: CompiledSchema.deduplicatedPaths)
        #expect(schema.nodes.count > 100)
        let marked = schema.nodes.reduce(0) { $0 + $1.properties.values.filter(\.deduplicated).count }
        #expect(marked == CompiledSchema.deduplicatedPaths.count, "a de-duplicated path no longer names a property")
    }

    /// Keywords the Compose schema does not use yet, on small schemas: (schema, YAML, expected message or nil).
    @Test(
        arguments: [
            (#"{"anyOf": [{"type": "string"}, {"type": "integer"}]}"#, "a: true", "a must be an integer or string"),
            (#"{"anyOf": [{"type": "string"}, {"type": "integer"}]}"#, "a: x", nil),
            (#"{"allOf": [{"type": "integer"}, {"minimum": 2}]}"#, "a: 1", "a must be greater than or equal to 2"),
            (#"{"not": {"type": "string"}}"#, "a: x", "a has a form that is not allowed here"),
            (#"{"const": "on"}"#, "a: off", #"a must be "on", not "off""#),
            (#"{"type": "array", "minItems": 2}"#, "a: [1]", "a must have at least 2 item(s)"),
            (#"{"type": "object", "minProperties": 1}"#, "a: {}", "a must have at least 1 key(s)"),
            (
                #"{"oneOf": [{"type": "integer"}, {"type": "number"}]}"#, "a: 1",
                "a is ambiguous: it matches several allowed forms"
            ),
            (
                #"{"type": "object", "additionalProperties": {"type": "integer"}}"#, "a: {b: x}",
                "a.b must be an integer"
            ),
            (
                #"{"type": "array", "items": {"type": "object"}, "uniqueItems": true}"#, "a: [{x: 1}, {x: 1.0}]",
                "a.1 repeats item 0; items must be unique"
            ),
        ] as [(String, String, String?)])
    func supportsOtherKeywords(_ property: String, _ yaml: String, _ expected: String?) throws {
        let schema = try SchemaCompiler.compile(#"{"type": "object", "properties": {"a": \#(property)}}"#)
        let document = try Self.document(yaml)
        do {
            try SchemaValidator.validate(document, against: schema)
            #expect(expected == nil)
        } catch {
            #expect(error.message == expected)
        }
    }

    @Test func rejectsUnsupportedKeywords() {
        #expect(throws: SchemaCompiler.Failure.self) {
            try SchemaCompiler.compile(#"{"type": "string", "maxLength": 3}"#)
        }
    }

    @Test(arguments: [
        ("^x-", "x-foo", true), ("^x-", "ax-", false), ("^[a-zA-Z0-9._-]+$", "web.1_a-b", true),
        ("^[a-zA-Z0-9._-]+$", "we b", false), ("^[a-zA-Z0-9._-]+$", "", false), ("^[a-z]+$", "nofile", true),
        ("^[a-z]+$", "NOFILE", false), ("^.+$", "a", true), (".+", "", false),
        ("[a-zA-Z0-9][a-zA-Z0-9_.-]+", "-ab", true), ("[a-zA-Z0-9][a-zA-Z0-9_.-]+", "a", false),
        ("always|never|every_([0-9]+[wdhms])+", "xalwaysx", true), ("always|never", "sometimes", false),
    ])
    func matchesPatternsUnanchoredLikeJSONSchema(_ pattern: String, _ text: String, _ expected: Bool) throws {
        #expect(try SchemaPattern(pattern).matches(text) == expected)
    }
}
