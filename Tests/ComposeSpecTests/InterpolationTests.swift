import Testing

@testable import ComposeSpec

/// Expected values come from Docker Compose v2.40.3 (`config --format json` with the template as a label).
@Suite struct InterpolationTests {
    /// FOO is set, EMPTY is set to the empty string, anything else is unset.
    static let environment = ["FOO": "foo", "EMPTY": "", "foo": "low", "ſ": "long-s", "K": "kelvin"]

    static func substitute(_ template: String) throws(InterpolationFailure) -> String {
        try Interpolation.substitute(template) { environment[$0] }
    }

    @Test(arguments: [
        ("$FOO", "foo"), ("${FOO}", "foo"), ("$FOO.x", "foo.x"), ("$FOO-x", "foo-x"), ("$FOOé", "fooé"),
        ("${foo}", "low"), ("$foo", "low"), ("$FOO$FOO", "foofoo"), ("${FOO}${FOO}", "foofoo"), ("pre${FOO}", "prefoo"),
        ("$UNSET", ""), ("${UNSET}", ""), ("$FOO1", ""), ("no dollar", "no dollar"), ("", ""),
        // Go's case folding lets `ſ` and the Kelvin sign into names.
        ("$\u{17F}", "long-s"), ("${\u{212A}}", "kelvin"),
    ])
    func plainReferences(template: String, expected: String) throws {
        #expect(try Self.substitute(template) == expected)
    }

    @Test(arguments: [
        ("$1", "$1"), ("$-", "$-"), ("a$", "a$"), ("$", "$"), ("$ FOO", "$ FOO"), ("$é", "$é"), ("$1FOO", "$1FOO"),
        ("$$FOO", "$FOO"), ("$${FOO}", "${FOO}"), ("$$$FOO", "$foo"), ("$$$$", "$$"), ("$$$", "$$"),
        ("${FOO}}", "foo}"),
    ])
    func dollarsThatStartNoVariable(template: String, expected: String) throws {
        #expect(try Self.substitute(template) == expected)
    }

    @Test(arguments: [
        ("${FOO:-d}", "foo"), ("${EMPTY:-d}", "d"), ("${UNSET:-d}", "d"),
        ("${FOO-d}", "foo"), ("${EMPTY-d}", ""), ("${UNSET-d}", "d"),
        ("${FOO:+alt}", "alt"), ("${EMPTY:+alt}", ""), ("${UNSET:+alt}", ""),
        ("${FOO+alt}", "alt"), ("${EMPTY+alt}", "alt"), ("${UNSET+alt}", ""),
        ("${FOO:?m}", "foo"), ("${FOO?}", "foo"), ("${EMPTY?}", ""), ("${FOO?}x", "foox"),
        ("${UNSET:-}", ""), ("${UNSET-}", ""), ("${UNSET:+}", ""), ("${UNSET:-a:b}", "a:b"), ("${UNSET:-a-b}", "a-b"),
        ("${UNSET:-a b}", "a b"), ("${UNSET:-a\"b}", "a\"b"), ("${UNSET:-:-x}", ":-x"),
    ])
    func operators(template: String, expected: String) throws {
        #expect(try Self.substitute(template) == expected)
    }

    @Test(arguments: [
        ("${UNSET:-${B:-x}}", "x"), ("${UNSET:-${FOO:-x}}", "foo"), ("${UNSET:-$FOO}", "foo"),
        ("${FOO:+${FOO:+x}}", "x"), ("${UNSET:-$$}", "$"), ("${UNSET:-$${FOO}}", "${FOO}"), ("${UNSET:-$1}", "$1"),
        ("${UNSET:-$}", "$"), ("${UNSET:-a$}", "a$"), ("${UNSET:-${UNSET2}}", ""), ("${A:-x}${FOO}", "xfoo"),
        ("pre${A:-x}post", "prexpost"), ("${A:-x}\n${FOO:-y}", "x\nfoo"), ("${FOO:-a}${FOO:-b}", "foofoo"),
    ])
    func nestedTemplates(template: String, expected: String) throws {
        #expect(try Self.substitute(template) == expected)
    }

    /// Where the expression ends: the reference matches greedily to the last `}` of the line, then looks for the
    /// closing brace counting every `{` (and skipping the character after it); text between the two is substituted
    /// on its own.
    @Test(arguments: [
        ("${UNSET:-a}b}", "ab}"), ("${UNSET:-{x}}", "{x}"), ("${A:-{}x}", "{}x"), ("${A:-{{}x}", "{{}x"),
        ("${A:-a{b}", "a{b"), ("${A:-x{}", "x{"), ("${A:-$${x}}y}", "${x}y}"), ("${UNSET:-}}", "}"),
        ("${A:-x}} ${FOO:-y}", "x} foo"), ("${A:-x} $FOO}", "x foo}"), ("${U:-{}} x}", "{}} x"),
        ("${U:-{{}} x}", "{{} x}"), ("${U:-{x}} y}", "{x} y}"), ("${U:-a{}b}} y}", "a{}b} y}"),
        ("${U:-{$}} x}", "{$} x}"),
        ("${U:-${FOO}} x}", "foo x}"), ("${U:-${FOO}x} y}", "foox y}"), ("${U:-${FOO}}}", "foo}"),
        ("${U:-a${FOO}b}c}", "afoobc}"), ("${U:-{a}b}c}", "{a}bc}"), ("${U:-${FOO} x}", "foo x"),
    ])
    func whereAnExpressionEnds(template: String, expected: String) throws {
        #expect(try Self.substitute(template) == expected)
    }

    /// The reported template is the (sub)template being substituted: the value, or an argument or trailing text.
    @Test(arguments: [
        ("${}", "${}"), ("${FOO", "${FOO"), ("a ${FOO", "a ${FOO"), ("${FOO:x}", "${FOO:x}"), ("${FOO:}", "${FOO:}"),
        ("${ FOO}", "${ FOO}"), ("${FOO }", "${FOO }"), ("${FOO.BAR}", "${FOO.BAR}"), ("${1}", "${1}"),
        ("${1FOO}", "${1FOO}"), ("${FOO:=x}", "${FOO:=x}"), ("${FOO=x}", "${FOO=x}"), ("${FOO#x}", "${FOO#x}"),
        ("${#FOO}", "${#FOO}"), ("${FOO:0:1}", "${FOO:0:1}"), ("${Fé}", "${Fé}"), ("${A:-x\ny}", "${A:-x\ny}"),
        ("${UNSET:-${}}", "${}"), ("${A:-${B}", "${B"), ("${A:-x} ${}}", " ${}}"), ("${A:-x} ${}", " ${}"),
        ("${A:-x} ${B", "${A:-x} ${B"), ("${} ${U:?r}", "${} ${U:?r}"), ("$U ${", "$U ${"),
        ("${U:-${}} $W}", "${}} $W"),
        ("${A:?${}}", "${}"), ("${FOO:?${}}", "${}"),
    ])
    func invalidFormats(template: String, reported: String) {
        #expect(throws: InterpolationFailure.invalidFormat(template: reported)) { try Self.substitute(template) }
    }

    @Test(arguments: [
        ("${UNSET?}", "UNSET", ""), ("${UNSET:?}", "UNSET", ""), ("${EMPTY:?}", "EMPTY", ""),
        ("${UNSET?my msg}", "UNSET", "my msg"), ("${EMPTY:?my msg}", "EMPTY", "my msg"),
        ("${UNSET:?${FOO} is needed}", "UNSET", "foo is needed"), ("${UNSET:?$FOO}", "UNSET", "foo"),
        ("${U:?$EMPTY}", "U", ""), ("${U:? }", "U", " "), ("${U:?a:b}", "U", "a:b"),
        // Arguments are substituted even when the operator does not need them.
        ("${UNSET:?${UNSET3:?inner}}", "UNSET3", "inner"), ("${FOO:?${UNSET3:?inner}}", "UNSET3", "inner"),
        ("${FOO:-${UNSET2:?boom}}", "UNSET2", "boom"), ("${FOO:+${UNSET2:?boom}}", "UNSET2", "boom"),
        ("${UNSET:+${UNSET2:?boom}}", "UNSET2", "boom"),
        // The first failure wins.
        ("${A:-${B:?first}} ${C:?second}}", "B", "first"), ("${A:?first} ${C:?second}}", "A", "first"),
        ("${U:?r} ${", "U", "r"), ("${U:?r}${U2:?r2}", "U", "r"),
    ])
    func missingRequiredVariables(template: String, variable: String, message: String) {
        let expected = InterpolationFailure.missingRequired(variable: variable, message: message)
        #expect(throws: expected) { try Self.substitute(template) }
    }

    @Test func requiredVariableTextOmitsAnEmptyMessage() {
        let withMessage = InterpolationFailure.missingRequired(variable: "U", message: "m")
        #expect(withMessage.requiredVariableText == "required variable U is missing a value: m")
        let withoutMessage = InterpolationFailure.missingRequired(variable: "U", message: "")
        #expect(withoutMessage.requiredVariableText == "required variable U is missing a value")
    }

    /// Compose warns once per plain reference to an unset variable, also in unused arguments and after a failure,
    /// but not in the trailing text of an expression that failed.
    @Test(arguments: [
        ("$U $U", ["U", "U"]), ("${UNSET:-${UNSET2}}", ["UNSET2"]), ("${FOO-${UNSET2}}", ["UNSET2"]),
        ("${A:-x}", []), ("${A:+x}", []), ("${A-}", []), ("$FOO", []), ("${U:?r} $W", ["W"]), ("${U:?r} $W}", []),
        ("${U:-${U2:?r}} $W}", []), ("${} $W ${U:?r} $W2", ["W", "W2"]), ("${U:?${} $W3} $W", ["W3", "W"]),
        ("${U:-x} ${U2:?r} $W3} $W", ["W"]), ("$U ${", ["U"]),
    ])
    func unsetVariableWarnings(template: String, expected: [String]) {
        var warned: [String] = []
        _ = try? Interpolation.substitute(template, lookup: { Self.environment[$0] }) { warned.append($0) }
        #expect(warned == expected)
    }
}
