import Testing

@testable import ComposeSpec

/// `env_file` entries with `format: raw`, as the reference prints them under `environment`.
extension DotEnvTests {
    static func parseRaw(_ contents: String) throws(ComposeError) -> [Entry] {
        try DotEnv.parseRaw(contents, file: "raw.env").map { Entry(key: $0.key, value: $0.value) }
    }

    @Test func rawValuesAreLiteral() throws {
        let contents = """
            A=1
            B="quoted"
            C='single'
            D=$HV ${X:-y}
            # comment
              E=spaced\("  ")
            F
            H=a #c
            I==x
            J=a\\nb

            K:v
            L=\r
            M=crlf\r
            \u{FEFF}N=bom
              # c2
            \t#c3
            O=x\t
            P=last
            """
        let expected = [
            Self.entry("A", "1"), Self.entry("B", "\"quoted\""), Self.entry("C", "'single'"),
            Self.entry("D", "$HV ${X:-y}"), Self.entry("E", "spaced  "), Self.entry("F", nil), Self.entry("H", "a #c"),
            Self.entry("I", "=x"), Self.entry("J", "a\\nb"), Self.entry("K:v", nil), Self.entry("L", ""),
            Self.entry("M", "crlf"), Self.entry("\u{FEFF}N", "bom"), Self.entry("O", "x\t"), Self.entry("P", "last"),
        ]
        #expect(try Self.parseRaw(contents) == expected)
    }

    @Test(arguments: [
        ("A= 1\n", [entry("A", " 1")]), ("A=1\rB=2\r\r\n", [entry("A", "1\rB=2\r")]),
        ("\u{A0}A=1\n", [entry("A", "1")]),
        ("\u{0B}B=1\n", [entry("B", "1")]), ("\rD=1\n", [entry("D", "1")]), ("A\u{A0}=1\n", [entry("A\u{A0}", "1")]),
        ("A\r=1\n", [entry("A\r", "1")]), ("é=1", [entry("é", "1")]), ("A'=1", [entry("A'", "1")]),
        ("A:1", [entry("A:1", nil)]), ("   \nA=1\n\n", [entry("A", "1")]), ("", []),
    ])
    func rawLines(contents: String, expected: [Entry]) throws {
        #expect(try Self.parseRaw(contents) == expected)
    }

    @Test(arguments: [
        ("A B=1", 1, "variable 'A B' contains whitespaces"), ("ok=1\nA =1", 2, "variable 'A ' contains whitespaces"),
        ("A\t=1", 1, "variable 'A\t' contains whitespaces"),
        ("export A=1", 1, "variable 'export A' contains whitespaces"),
        ("A  \n", 1, "variable 'A  ' contains whitespaces"), ("=1", 1, "no variable name on line '=1'"),
        ("  =1  ", 1, "no variable name on line '=1  '"),
    ])
    func rawErrors(contents: String, line: Int, message: String) {
        let error = #expect(throws: ComposeError.self) { try Self.parseRaw(contents) }
        #expect(error?.message == "failed to parse env_file raw.env: \(message)")
        #expect(error?.location?.line == line)
    }
}
