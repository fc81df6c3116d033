import Testing

@testable import ComposeSpec

/// Two compose files and what merging the second into the first gives, as a raw tree. Each expectation was
/// checked against `compose-ref -f base.yaml -f override.yaml config` (directly, or after normalization when
/// the raw tree takes another form than the reference's, e.g. a mapping for a merged `environment` list).
struct MergeCase: Sendable, CustomTestStringConvertible {
    var name: String
    var base: String
    var override: String
    var expected: String

    init(_ name: String, _ base: String, _ override: String, _ expected: String) {
        self.name = name
        self.base = base
        self.override = override
        self.expected = expected
    }

    /// A case about the service `s` alone: each text is the body of `services.s`.
    static func service(_ name: String, _ base: String, _ override: String, _ expected: String) -> MergeCase {
        MergeCase(name, wrapService(base), wrapService(override), wrapService(expected))
    }

    var testDescription: String { name }
}

/// A merge that the reference refuses, with its message.
struct MergeFailure: Sendable, CustomTestStringConvertible {
    var name: String
    var base: String
    var override: String
    var message: String

    init(_ name: String, _ base: String, _ override: String, _ message: String) {
        self.name = name
        self.base = base
        self.override = override
        self.message = message
    }

    var testDescription: String { name }
}

/// `services.s` holding `body` (indented under it).
func wrapService(_ body: String) -> String {
    "services:\n  s:\n"
        + body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(
            separator: "\n")
}

func mergeTestDocument(_ yaml: String, file: String) throws -> Node {
    try YAMLReader.documents(yaml, file: file).first ?? .null
}

/// The node as text with sorted keys and typed scalars, ignoring locations: two nodes with the same rendering
/// are the same compose value (mapping order does not matter to Compose, sequence order does).
/// Leftover merge tags are shown, so a test fails if one survives the merge.
func rendered(_ node: Node) -> String {
    let tag: String
    switch node.mergeTag {
    case .reset?: tag = "!reset "
    case .override?: tag = "!override "
    case nil: tag = ""
    }
    switch node.value {
    case .null: return tag + "null"
    case .bool(let flag): return tag + "\(flag)"
    case .int(let number): return tag + "\(number)"
    case .double(let number): return tag + "\(number)d"
    case .string(let text): return tag + "\"\(text)\""
    case .sequence(let items): return tag + "[" + items.map(rendered).joined(separator: ", ") + "]"
    case .mapping(let entries):
        let sorted = entries.sorted { $0.key < $1.key }.map { "\($0.key): \(rendered($0.value))" }
        return tag + "{" + sorted.joined(separator: ", ") + "}"
    }
}

@Suite struct MergeTests {
    @Test(arguments: MergeCases.all)
    func mergesLikeTheReference(_ example: MergeCase) throws {
        let base = try mergeTestDocument(example.base, file: "base.yaml")
        let override = try mergeTestDocument(example.override, file: "override.yaml")
        let expected = try mergeTestDocument(example.expected, file: "expected.yaml")
        let merged = try Merge.documents(Merge.documents(.mapping([:]), base), override)
        #expect(rendered(merged) == rendered(expected))
    }

    @Test(arguments: MergeCases.failures)
    func refusesLikeTheReference(_ example: MergeFailure) throws {
        let base = try mergeTestDocument(example.base, file: "base.yaml")
        let override = try mergeTestDocument(example.override, file: "override.yaml")
        let error = try #require(throws: ComposeError.self) {
            try Merge.documents(Merge.documents(.mapping([:]), base), override)
        }
        #expect(error.message == example.message)
    }

    @Test func renderingTellsValuesApart() {
        #expect(rendered(.string("1")) != rendered(Node(.int(1))))
        #expect(
            rendered(.sequence([.string("a"), .string("b")])) != rendered(.sequence([.string("b"), .string("a")])))
        #expect(rendered(.mapping(["a": .null, "b": .null])) == rendered(.mapping(["b": .null, "a": .null])))
        #expect(rendered(Node(.null, mergeTag: .reset)) != rendered(.null))
    }

    @Test func laterValuesKeepTheirFile() throws {
        let base = try mergeTestDocument(wrapService("image: a\nlabels: {a: '1'}\nports: ['80:80']"), file: "a.yaml")
        let override = try mergeTestDocument(
            wrapService("image: b\nlabels: {b: '2'}\nports: ['81:80']"), file: "b.yaml")
        let service = try #require(try Merge.documents(base, override)["services"]?["s"])
        #expect(service["image"]?.location?.file == "b.yaml")
        #expect(service["labels"]?["a"]?.location?.file == "a.yaml")
        #expect(service["labels"]?["b"]?.location?.file == "b.yaml")
        #expect(service["ports"]?.sequence?.map { $0.location?.file } == ["a.yaml", "b.yaml"])
    }

    @Test func errorsPointAtTheLaterFile() throws {
        let base = try mergeTestDocument(wrapService("image: a\nx-a: {b: 1}"), file: "a.yaml")
        let override = try mergeTestDocument(wrapService("x-a: 1"), file: "b.yaml")
        let error = try #require(throws: ComposeError.self) { try Merge.documents(base, override) }
        #expect(error.location == SourceLocation(file: "b.yaml", line: 3, column: 10))
    }

    /// `extends` merges like `-f` files, names the service `x` in its errors, and leaves duplicates for the
    /// merge of the files (the reference reports a device without target at its index in the extended list).
    @Test func extendsMergesServicesAlike() throws {
        let base = try mergeTestDocument("image: a\ncap_add: [A]\nenvironment: [A=1]\ncommand: [x]", file: "a.yaml")
        let child = try mergeTestDocument("cap_add: [A, B]\nenvironment: {B: '2'}\ncommand: y", file: "a.yaml")
        let expected = try mergeTestDocument(
            "image: a\ncap_add: [A, A, B]\nenvironment: {A: '1', B: '2'}\ncommand: y", file: "e.yaml")
        #expect(rendered(try Merge.service(base, child)) == rendered(expected))

        let mapping = try mergeTestDocument("x-a: {b: 1}", file: "a.yaml")
        let scalar = try mergeTestDocument("x-a: 1", file: "a.yaml")
        let error = try #require(throws: ComposeError.self) { try Merge.service(mapping, scalar) }
        #expect(error.message == "cannot override services.x.x-a")
    }
}
