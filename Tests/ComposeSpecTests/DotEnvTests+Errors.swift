import Testing

@testable import ComposeSpec

/// Messages as the reference prints them after `failed to read <file>: `.
extension DotEnvTests {
    @Test(arguments: [
        ("A B=1", 1, "key cannot contain a space"), ("A=1\nB C=1\nD=2", 2, "key cannot contain a space"),
        ("export A B=1", 1, "key cannot contain a space"), ("A B\n", 1, "key cannot contain a space"),
        ("E='it''s'", 1, #"unexpected character "'" in variable name "'s'""#),
        ("A=1\nE='it''s' and more\nD=2", 2, #"unexpected character "'" in variable name "'s' and more""#),
        ("A='x' 'two'", 1, #"unexpected character "'" in variable name "'two'""#),
        ("A=\"x\" \"y\"", 1, #"unexpected character "\"" in variable name "\"y\"""#),
        ("A'B=1", 1, #"unexpected character "'" in variable name "A'B=1""#),
        ("A\"B=1", 1, #"unexpected character "\"" in variable name "A\"B=1""#),
        ("A\\B=1", 1, #"unexpected character "\\" in variable name "A\\B=1""#),
        ("A$B=1", 1, #"unexpected character "$" in variable name "A$B=1""#),
        ("A#B=1", 1, ##"unexpected character "#" in variable name "A#B=1""##),
        ("A #comment", 1, ##"unexpected character "#" in variable name "A #comment""##),
        ("  A%B=1 \n", 1, #"unexpected character "%" in variable name "A%B=1 ""#),
        ("export A%B=1", 1, #"unexpected character "%" in variable name "A%B=1""#),
        ("A😀B=1", 1, #"unexpected character "😀" in variable name "A😀B=1""#),
        ("A·B=1", 1, #"unexpected character "·" in variable name "A·B=1""#),
        ("A=1\n\u{FEFF}B=2\n", 2, #"unexpected character "\ufeff" in variable name "\ufeffB=2""#),
        ("K=\"\\\\\\\"\nL=\\\nM=\"a\\\nb\"", 3, #"unexpected character "\\" in variable name "a\\""#),
        // An unterminated quote is reported at the last line, showing the rest of its own line.
        ("A=\"x", 1, "unterminated quoted value \"x"),
        ("M=\"unterminated\n", 2, "unterminated quoted value \"unterminated"),
        ("A=1\nB=\"unterminated\nC=3\n", 4, "unterminated quoted value \"unterminated"),
        ("A=1\n\nB='x\n\n", 5, "unterminated quoted value 'x"), ("A=\"x\ny\nz", 3, "unterminated quoted value \"x"),
        ("B='x \r\nC=1\r\n", 3, "unterminated quoted value 'x \r"),
        ("A=\"\\\\\\\"\n", 2, "unterminated quoted value \"\\\\\\\""),
    ])
    func syntaxErrors(contents: String, line: Int, message: String) {
        let error = #expect(throws: ComposeError.self) { try Self.parse(contents) }
        #expect(error?.message == "failed to read test.env: line \(line): \(message)")
        #expect(error?.code == .invalidValue)
        #expect(error?.location?.file == "test.env")
    }

    @Test func errorLocationPointsAtTheStatement() {
        let error = #expect(throws: ComposeError.self) { try Self.parse("A=1\n\n   B C=2\n") }
        #expect(error?.location == SourceLocation(file: "test.env", line: 3, column: 4))
    }

    @Test(arguments: ["export ", "A=1\nexport "])
    func exportAtTheEndOfTheFileIsAZeroLengthString(contents: String) {
        let error = #expect(throws: ComposeError.self) { try Self.parse(contents) }
        #expect(error?.message == "failed to read test.env: zero length string")
    }

    @Test(arguments: [
        ("A=${}", #"Invalid template: "${}""#), ("A=${U:x}", #"Invalid template: "${U:x}""#),
        ("A=${U:-${}}", #"Invalid template: "${}""#), ("A=${U:-x} ${}", #"Invalid template: " ${}""#),
        ("A=\"${U:-\\n}\"", #"Invalid template: "${U:-\n}""#), ("A=${U:-a #b}", #"Invalid template: "${U:-a""#),
        ("A=\"\\$ ${}\"", #"Invalid template: "$$ ${}""#), ("A=\"${U:-\"}\"", #"Invalid template: "${U:-""#),
    ])
    func invalidTemplates(contents: String, message: String) {
        let error = #expect(throws: ComposeError.self) { try Self.parse(contents + "\n") }
        #expect(error?.message == "failed to read test.env: \(message)")
        #expect(error?.code == .interpolation)
    }

    @Test(arguments: [
        ("A=${U:?need}", "required variable U is missing a value: need"),
        ("A=\"${U:?need}\"", "required variable U is missing a value: need"),
        ("A=${U:?}", "required variable U is missing a value"), ("A=${U?}", "required variable U is missing a value"),
    ])
    func missingRequiredVariables(contents: String, message: String) {
        let error = #expect(throws: ComposeError.self) { try Self.parse(contents + "\n") }
        #expect(error?.message == "failed to read test.env: \(message)")
        #expect(error?.code == .missingVariable)
    }
}
