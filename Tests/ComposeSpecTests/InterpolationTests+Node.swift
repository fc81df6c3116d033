import Testing

@testable import ComposeSpec

extension InterpolationTests {
    static let location = SourceLocation(file: "compose.yaml", line: 5, column: 10)

    /// `services: {web: {<key>: <value>}}`
    static func web(_ key: String, _ value: Node) -> Node {
        .mapping(["services": .mapping(["web": .mapping([key: value])])])
    }

    static func interpolate(_ node: Node) throws(ComposeError) -> Node {
        try Interpolation.interpolate(node) { environment[$0] }
    }

    @Test func replacesStringsButNotMappingKeys() throws {
        let labels = Node.mapping(["${FOO}": .string("$FOO"), "plain": .string("text")])
        let result = try Self.interpolate(Self.web("labels", labels))
        let interpolated = try #require(result["services"]?["web"]?["labels"]?.mapping)
        #expect(Array(interpolated.keys) == ["${FOO}", "plain"])
        #expect(interpolated["${FOO}"]?.string == "foo")
        #expect(interpolated["plain"]?.string == "text")
    }

    @Test func keepsLocationPlainnessAndOtherScalars() throws {
        let image = Node(.string("${FOO}:1"), at: Self.location, isPlainScalar: true)
        let command = Node.sequence([.string("$$FOO"), Node(.int(3)), Node(.bool(true)), .null, Node(.double(1.5))])
        let node = Node.mapping(["services": .mapping(["web": .mapping(["image": image, "command": command])])])
        let web = try #require(try Self.interpolate(node)["services"]?["web"])
        #expect(web["image"]?.string == "foo:1")
        #expect(web["image"]?.isPlainScalar == true)
        #expect(web["image"]?.location == Self.location)
        let items = try #require(web["command"]?.sequence)
        #expect(items.map(\.scalarText) == ["$FOO", "3", "true", nil, "1.5"])
    }

    @Test(arguments: [
        (web("image", .string("${}")), "services.web.image"),
        (web("command", .sequence([.string("a"), .string("${}")])), "services.web.command.[]"),
        (web("command", .sequence([.sequence([.string("${}")])])), "services.web.command.[].[]"),
        (web("labels", .mapping(["a.b": .string("${}")])), "services.web.labels.a.b"),
        (web("x-foo", .string("${}")), "services.web.x-foo"),
        (.mapping(["x-top": .string("${}")]), "x-top"),
    ])
    func invalidFormatNamesTheDottedPath(node: Node, path: String) {
        let error = #expect(throws: ComposeError.self) { try Self.interpolate(node) }
        #expect(error?.code == .interpolation)
        #expect(
            error?.message
                == "invalid interpolation format for \(path).\nYou may need to escape any $ with another $.\n${}")
    }

    @Test func invalidFormatCarriesTheLocationAndTheFailingSubtemplate() {
        let node = Self.web("image", Node(.string("x ${UNSET:-${}}"), at: Self.location))
        let error = #expect(throws: ComposeError.self) { try Self.interpolate(node) }
        #expect(error?.location == Self.location)
        #expect(error?.message.hasSuffix("another $.\n${}") == true)
    }

    @Test func missingVariableNamesPathAndMessage() {
        let node = Self.web("labels", Node(.sequence([Node(.string("a=${UNSET:?m}"), at: Self.location)])))
        let error = #expect(throws: ComposeError.self) { try Self.interpolate(node) }
        #expect(error?.code == .missingVariable)
        #expect(
            error?.message
                == "error while interpolating services.web.labels.[]: required variable UNSET is missing a value: m")
        #expect(error?.location == Self.location)
    }

    @Test func reportsEveryUnsetPlainReferenceOfTheTree() throws {
        var warned: [String] = []
        let node = Self.web("command", .sequence([.string("$A ${B:-x}"), .string("${C}")]))
        _ = try Interpolation.interpolate(node, lookup: { _ in nil }) { name, _ in warned.append(name) }
        #expect(warned == ["A", "C"])
    }
}
