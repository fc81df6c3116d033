import Testing

@testable import ComposeSpec

/// Expected values from `config --variables --format json` of the reference, one template per compose file.
extension InterpolationTests {
    static func plain(_ name: String) -> VariableReference { VariableReference(name: name) }
    static func withDefault(_ name: String, _ value: String) -> VariableReference {
        VariableReference(name: name, defaultValue: value)
    }
    static func withAlternate(_ name: String, _ value: String) -> VariableReference {
        VariableReference(name: name, alternateValue: value)
    }
    static func required(_ name: String) -> VariableReference { VariableReference(name: name, required: true) }

    /// What `config --variables` lists for one value: the last reference to each name wins.
    static func listed(_ template: String) -> [VariableReference] {
        (try? Interpolation.variables(in: web("entrypoint", .string(template)))) ?? []
    }

    @Test(arguments: [
        ("${IMG:-busybox}", [withDefault("IMG", "busybox")]), ("$PLAIN", [plain("PLAIN")]), ("${BR}", [plain("BR")]),
        ("${REQ:?need it}", [required("REQ")]), ("${REQ2?}", [required("REQ2")]),
        ("${ALT:+alt}", [withAlternate("ALT", "alt")]),
        ("${ALT2+alt2}", [withAlternate("ALT2", "alt2")]), ("${D1-d1}", [withDefault("D1", "d1")]),
        ("${A:-${B:-x}}", [withDefault("A", "${B:-x}"), withDefault("B", "x")]),
        ("${C:-$D}", [withDefault("C", "$D"), plain("D")]),
        ("${E:+${F:-ff}}", [withAlternate("E", "${F:-ff}"), withDefault("F", "ff")]),
        ("$$ESC $1 $", []), ("${UNSET:-}", [withDefault("UNSET", "")]),
        // The message of `?` is not searched.
        ("${Q:?${R:-r}}", [required("Q")]),
        // An invalid `${` is listed under the empty name.
        ("${Q:-${}}", [plain(""), withDefault("Q", "${}")]), ("${1} $X", [plain(""), plain("X")]),
        ("${Q:-a", [plain("")]), ("${A:-${B}", [plain(""), withDefault("A", "${B")]),
        ("${A:-x\n} $B", [plain(""), plain("B")]),
    ])
    func listsEachReference(template: String, expected: [VariableReference]) {
        #expect(Self.listed(template) == expected)
    }

    /// Within one value the trailing text of an expression is searched before the expression's own name, and its
    /// argument after it.
    @Test(arguments: [
        ("${Z:-z} $Z", plain("Z")), ("${Z:-z} ${Z}", withDefault("Z", "z")), ("$Z ${Z:-z}", withDefault("Z", "z")),
        ("${Z:-z} $Z }", withDefault("Z", "z")), ("${Z:-z}\n$Z}", plain("Z")),
        ("${V:+v} ${V}", withAlternate("V", "v")),
        ("${V} ${V:+v}", withAlternate("V", "v")), ("${V:?} ${V}", required("V")), ("${V} ${V:?}", required("V")),
        ("${V:-a} ${V:-b}", withDefault("V", "a")), ("${V:-a} ${V:+b}", withDefault("V", "a")),
        ("${V:+b} ${V:-a}", withAlternate("V", "b")), ("${V:-a} ${V:?}", withDefault("V", "a")),
        ("${V:?} ${V:-a}", required("V")), ("${A:-${A:-x}}", withDefault("A", "x")), ("${A:+$A}", plain("A")),
        ("${A:-x} ${A:-y} ${A:-z}", withDefault("A", "x")), ("$A ${A:-y} ${A:-z}", withDefault("A", "y")),
        ("${A:-${B:-x}} ${B:-y}", withDefault("B", "x")), ("${A:?${B:-x}} ${B:-y}", withDefault("B", "y")),
        ("${A:-x} ${B}", plain("B")), ("${A:-a $B} $B", plain("B")),
    ])
    func laterReferencesWin(template: String, expected: VariableReference) {
        #expect(Self.listed(template).first { $0.name == expected.name } == expected)
    }

    @Test func walksTheTreeInDocumentOrderSkippingKeysAndSortsByName() throws {
        let web = Node.mapping([
            "command": .sequence([.string("${X:-a}"), .string("$X"), .string("${Y}"), .string("${Y:-b}")]),
            "labels": .mapping(["${KEY}": .string("v"), "l": .string("${W:+w}")]),
            "ports": .sequence([Node(.int(80))]),
        ])
        let variables = try Interpolation.variables(in: .mapping(["services": .mapping(["web": web])]))
        #expect(variables == [Self.withAlternate("W", "w"), Self.plain("X"), Self.withDefault("Y", "b")])
    }

    @Test func textVariablesKeepEveryOccurrenceInOrder() throws {
        let references = try Interpolation.variables(in: "${A:-a} $B ${B:-b} $B")
        let expected = [
            Self.plain("B"), Self.withDefault("B", "b"), Self.withDefault("A", "a"), Self.plain("B"),
        ]
        #expect(references == expected)
    }
}
