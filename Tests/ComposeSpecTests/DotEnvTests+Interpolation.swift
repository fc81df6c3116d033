import Testing

@testable import ComposeSpec

extension DotEnvTests {
    static let interpolatedFile = """
        A=one
        B=$A
        C=${A}-x
        D="${A} and $A"
        E='${A}'
        F=${UNSET:-def}
        G="${UNSET:-d q}"
        H=${A:+alt}
        I=$$A
        J="$$A"
        K=${B}
        L=$HV
        M=${UNSET}
        N=${A:?boom}
        O=${UNSET-dash}
        P=${A-dash}
        Q=pre$A.post
        R=${L}
        S=${LATER}
        LATER=l

        """

    @Test func valuesSeeEarlierKeysAndTheEnvironment() throws {
        let values = Dictionary(try Self.parse(Self.interpolatedFile).map { ($0.key, $0.value) }) { $1 }
        let expected: [String: String] = [
            "A": "one", "B": "one", "C": "one-x", "D": "one and one", "E": "${A}", "F": "def", "G": "d q", "H": "alt",
            "I": "$A", "J": "$A", "K": "one", "L": "hv", "M": "", "N": "one", "O": "dash", "P": "one",
            "Q": "preone.post", "R": "hv", "S": "", "LATER": "l",
        ]
        #expect(values == expected)
    }

    /// The environment wins over a key defined earlier in the same file.
    @Test func environmentWinsOverEarlierKeys() throws {
        let entries = try Self.parse("A=1\nB=$A\nC=$LATER\nLATER=l\nP=$P:x\n", environment: ["A": "hostA", "P": "hp"])
        let expected = [
            Self.entry("A", "1"), Self.entry("B", "hostA"), Self.entry("C", ""), Self.entry("LATER", "l"),
            Self.entry("P", "hp:x"),
        ]
        #expect(entries == expected)
    }

    @Test(arguments: [
        ("A=\nB=${A-x}\nC=${A:-y}\n", [entry("A", ""), entry("B", ""), entry("C", "y")]),
        ("A=$1\n", [entry("A", "$1")]), ("A=a$\n", [entry("A", "a$")]), ("A=${U:-${V:-x}}\n", [entry("A", "x")]),
        ("A=${U+x}y\n", [entry("A", "y")]), ("A=\"$$\"\n", [entry("A", "$")]), ("A=$$\n", [entry("A", "$")]),
        ("A=${U:-$$}\n", [entry("A", "$")]), ("A=\"\\${U:-x}\"\n", [entry("A", "${U:-x}")]),
        ("A=\"${U:-a\\\"b}\"\n", [entry("A", "a\"b")]), ("A=\"$HV\\n$HV\"\n", [entry("A", "hv\nhv")]),
        ("A=\"${HV:+\\$}\"\n", [entry("A", "$")]),
    ])
    func interpolatedValues(contents: String, expected: [Entry]) throws {
        #expect(try Self.parse(contents) == expected)
    }

    @Test func unsetPlainReferencesAreReported() throws {
        var warned: [String] = []
        var lines: [Int] = []
        _ = try DotEnv.parse("A=$U ${V:-x}\nB=\"${W}\"\nC='$X'\n", file: "test.env", lookup: { _ in nil }) {
            warned.append($0)
            lines.append($1.line)
        }
        #expect(warned == ["U", "W"])
        #expect(lines == [1, 2])
    }
}
