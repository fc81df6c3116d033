import Testing

@testable import ComposeSpec

/// Expected values come from Docker Compose v2.40.3: the file used as a service's `env_file` (values printed under
/// `environment` by `config`) and as the project `.env` (values seen by interpolation).
@Suite struct DotEnvTests {
    struct Entry: Sendable, Equatable, CustomStringConvertible {
        var key: String
        var value: String?
        var description: String { "\(key)=\(value ?? "<nil>")" }
    }

    static func entry(_ key: String, _ value: String?) -> Entry { Entry(key: key, value: value) }

    /// Parses with `HV=hv` as the only environment variable unless told otherwise.
    static func parse(
        _ contents: String,
        environment: [String: String] = ["HV": "hv"]
    ) throws(ComposeError) -> [Entry] {
        try DotEnv.parse(contents, file: "test.env") { environment[$0] }.map { Entry(key: $0.key, value: $0.value) }
    }

    @Test(arguments: [
        ("A=1", "1"), ("export A=1", "1"), (" export A=1", "1"), ("export  A=1", "1"), ("export\tA=1", "1"),
        ("A = 1", "1"), ("  A=1", "1"), ("\tA=tab", "tab"), ("A =5 ", "5"), ("A= 6", "6"), ("A\t=a", "a"),
        ("A=\ta", "a"), ("A=a\t", "a"), ("A =\t\"q\"", "q"), ("A=", ""), ("A =", ""), ("A=  x  y  ", "x  y"),
        ("A==1", "=1"), ("A=1=2", "1=2"), ("A=1 B=2", "1 B=2"), ("A=x\"y\"", "x\"y\""), ("A=`back`", "`back`"),
        // YAML-like `KEY: value`; the first `=` or `:` separates.
        ("A: value", "value"), ("A:value", "value"), ("A : value", "value"), ("A:B:C", "B:C"), ("A:", ""),
        ("A:=", "="), ("A=:", ":"), ("A: a: b", "a: b"), ("A: \"v y\"", "v y"), ("A : 'sq'", "sq"),
    ])
    func assignments(line: String, value: String) throws {
        #expect(try Self.parse(line + "\n") == [Self.entry("A", value)])
    }

    /// A comment needs a space before its `#` (a tab is not enough); quotes protect it.
    @Test(arguments: [
        ("A=x # comment", "x"), ("A=x#nocomment", "x#nocomment"), ("A=\"x # q\"", "x # q"), ("A='y # q'", "y # q"),
        ("A=x\t# tab comment", "x\t# tab comment"), ("A=x #", "x"), ("A=#notcomment", "#notcomment"),
        ("A= # comment", "# comment"), ("A=x  # y # z", "x"), ("A='x' # comment", "x"), ("A=\"x\" # comment", "x"),
        ("A=\"a\"#c", "a"), ("A='a'#c", "a"), ("A=x \\#y", "x \\#y"), ("A=$HV#x", "hv#x"), ("A=$HV #x", "hv"),
        ("A=\"${U:-#}\" #c", "#"),
    ])
    func comments(line: String, value: String) throws {
        #expect(try Self.parse(line + "\n") == [Self.entry("A", value)])
    }

    @Test(arguments: [
        ("'single $X \\n'", "single $X \\n"), ("'a\\'b'", "a'b"), ("'a\\\\b'", "a\\\\b"), ("'\\\\'", "\\\\"),
        ("'$$'", "$$"), ("'${}'", "${}"), ("'multi\nline'", "multi\nline"), ("\"line1\nline2\"", "line1\nline2"),
        ("\"x\r\ny\"", "x\r\ny"), ("\"a\\\nb\"", "a\\\nb"), ("unq\\nx", "unq\\nx"), ("a\\\\nb", "a\\\\nb"),
        ("\\", "\\"), ("\"\\\\n\"", "\\n"), ("\"x\\\\\"", "x\\"), ("\"\\\\\\\\\"", "\\\\"), ("\"\\\\$HV\"", "\\hv"),
        ("a\\$HV", "a\\hv"),
    ])
    func quoting(written: String, value: String) throws {
        #expect(try Self.parse("A=\(written)\n") == [Self.entry("A", value)])
    }

    /// Double quotes decode a few escapes; `\0` drops its zero and unknown pairs stay as written.
    @Test(arguments: [
        ("a", "\u{07}"), ("b", "\u{08}"), ("f", "\u{0C}"), ("n", "\n"), ("r", "\r"), ("t", "\t"), ("v", "\u{0B}"),
        ("\\", "\\"), ("\"", "\""), ("$", "$"), ("0", "\\"), ("01", "\\1"), ("012x", "\\12x"), ("c", "\\c"),
        ("e", "\\e"), ("x41", "\\x41"), ("u0041", "\\u0041"), ("U", "\\U"), ("'", "\\'"), ("`", "\\`"), (" ", "\\ "),
        ("#", "\\#"), ("{", "\\{"), ("?", "\\?"),
    ])
    func doubleQuotedEscapes(escape: String, decoded: String) throws {
        #expect(try Self.parse("A=\"<\\\(escape)>\"\n") == [Self.entry("A", "<\(decoded)>")])
    }

    /// After a closing quote the rest of the line is parsed as the next statement.
    @Test(arguments: [
        ("F=\"x\"trailing\n", [entry("F", "x"), entry("trailing", nil)]),
        ("F=\"x\"G=y\n", [entry("F", "x"), entry("G", "y")]), ("F='x'G=y\n", [entry("F", "x"), entry("G", "y")]),
        ("F=\"x\" G=y\n", [entry("F", "x"), entry("G", "y")]),
        ("F=\"x\"trailing=5\n", [entry("F", "x"), entry("trailing", "5")]),
        ("A=\"a\"  B\n", [entry("A", "a"), entry("B", nil)]),
    ])
    func statementEndsAtClosingQuote(contents: String, expected: [Entry]) throws {
        #expect(try Self.parse(contents) == expected)
    }

    @Test(arguments: [
        ("A.B=1", "A.B"), ("A-B=1", "A-B"), ("1A=1", "1A"), ("_A=1", "_A"), ("é=1", "é"), ("AßB=1", "AßB"),
        ("A٣B=1", "A٣B"), ("AⅫB=1", "AⅫB"), ("A²B=1", "A²B"), ("A[B=1", "A[B"), ("A]B=1", "A]B"),
        ("A.B[0]=1", "A.B[0]"), ("A\tB=1", "A\tB"), ("A\u{A0}B=1", "A\u{A0}B"), ("A\u{0B}B=1", "A\u{0B}B"),
        ("=1", ""), ("export=1", "export"), ("exportA=1", "exportA"), ("export =1", ""), ("\u{A0}C=1", "C"),
    ])
    func keys(line: String, key: String) throws {
        #expect(try Self.parse(line + "\n") == [Self.entry(key, "1")])
    }

    /// `KEY` alone yields nil (Compose takes it from the environment or drops it); key characters running to the
    /// end of the file without a line break become the value of the empty key.
    @Test(arguments: [
        ("A\nB=2\n", [entry("A", nil), entry("B", "2")]), ("export A\n", [entry("A", nil)]),
        ("A   \n", [entry("A", nil)]),
        ("export\n", [entry("export", nil)]), ("B\t\n", [entry("B", nil)]), ("export \nA=1", [entry("A", "1")]),
        ("export  \n\nA=1\n", [entry("A", "1")]), ("A", [entry("", "A")]),
        ("B=1\nA", [entry("B", "1"), entry("", "A")]),
        ("A   ", [entry("", "A")]), ("export  A", [entry("", "A")]), ("A B", [entry("", "A B")]),
        ("exportG", [entry("", "exportG")]), ("export", [entry("", "export")]),
        ("A=1\n  X", [entry("A", "1"), entry("", "X")]),
    ])
    func keysWithoutValues(contents: String, expected: [Entry]) throws {
        #expect(try Self.parse(contents) == expected)
    }

    @Test(arguments: [
        ("", []), ("\n\n", []), ("  # c\n", []), ("#full\n\n  # indented comment\nF=last", [entry("F", "last")]),
        ("A=1\n# c", [entry("A", "1")]), ("A=\nB=2\n", [entry("A", ""), entry("B", "2")]),
        ("A=  \nB=2\n", [entry("A", ""), entry("B", "2")]), ("A=1\nA=2\n", [entry("A", "1"), entry("A", "2")]),
        (
            "\u{FEFF}A=1\r\nB=\"x\r\ny\"\r\nC=3 # c\r\nD='q'\r\n",
            [entry("A", "1"), entry("B", "x\r\ny"), entry("C", "3"), entry("D", "q")]
        ),
        ("A=1\rB=2\r", [entry("A", "1\rB=2")]), ("ABC\r\n", [entry("ABC", nil)]),
    ])
    func layout(contents: String, expected: [Entry]) throws {
        #expect(try Self.parse(contents) == expected)
    }
}
