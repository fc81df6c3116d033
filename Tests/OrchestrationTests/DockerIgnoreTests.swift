import Testing

@testable import Orchestration

/// `.dockerignore` parsing and matching, following Docker's documented rules.
@Suite struct DockerIgnoreTests {
    struct Case: Sendable, CustomStringConvertible {
        let ignore: String
        let path: String
        let excluded: Bool
        var description: String { "\(ignore.debugDescription) \(path) → \(excluded)" }
    }

    static let cases: [Case] = [
        Case(ignore: "", path: "a", excluded: false),
        Case(ignore: "a", path: "a", excluded: true),
        Case(ignore: "a", path: "a/b/c", excluded: true),
        Case(ignore: "a", path: "b/a", excluded: false),
        Case(ignore: "/a", path: "a", excluded: true),
        Case(ignore: "  a  ", path: "a", excluded: true),
        Case(ignore: "./a/../b/", path: "b", excluded: true),
        Case(ignore: "a//b", path: "a/b", excluded: true),
        Case(ignore: "# a", path: "a", excluded: false),
        Case(ignore: "#a\n\n\nb", path: "a", excluded: false),
        Case(ignore: "\u{FEFF}a", path: "a", excluded: true),
        Case(ignore: "a\r\nb\r\n", path: "b", excluded: true),
        Case(ignore: "*.md", path: "README.md", excluded: true),
        Case(ignore: "*.md", path: "docs/README.md", excluded: false),
        Case(ignore: "*/*.md", path: "docs/README.md", excluded: true),
        Case(ignore: "*/temp*", path: "somedir/temporary.txt", excluded: true),
        Case(ignore: "*/temp*", path: "somedir/sub/temporary.txt", excluded: false),
        Case(ignore: "*/*/temp*", path: "somedir/subdir/temporary.txt", excluded: true),
        Case(ignore: "temp?", path: "temp1", excluded: true),
        Case(ignore: "temp?", path: "temp12", excluded: false),
        Case(ignore: "a?b", path: "a/b", excluded: false),
        Case(ignore: "a*b", path: "a/b", excluded: false),
        Case(ignore: "**/*.go", path: "x.go", excluded: true),
        Case(ignore: "**/*.go", path: "a/b/c/x.go", excluded: true),
        Case(ignore: "**/*.go", path: "a/b/c/x.goo", excluded: false),
        Case(ignore: "a/**/b", path: "a/b", excluded: true),
        Case(ignore: "a/**/b", path: "a/x/y/b", excluded: true),
        Case(ignore: "a/**/b", path: "a/x/y/b/c", excluded: true),
        Case(ignore: "a/**/b", path: "a/x/yb", excluded: false),
        Case(ignore: "a/**", path: "a/x/y", excluded: true),
        Case(ignore: "a/**", path: "a", excluded: false),
        Case(ignore: "**", path: "anything/at/all", excluded: true),
        Case(ignore: "[abc].txt", path: "b.txt", excluded: true),
        Case(ignore: "[abc].txt", path: "d.txt", excluded: false),
        Case(ignore: "[a-c].txt", path: "c.txt", excluded: true),
        Case(ignore: "[^a-c].txt", path: "c.txt", excluded: false),
        Case(ignore: "[^a-c].txt", path: "d.txt", excluded: true),
        Case(ignore: "\\*.txt", path: "*.txt", excluded: true),
        Case(ignore: "\\*.txt", path: "a.txt", excluded: false),
        Case(ignore: "a\\?", path: "a?", excluded: true),
        Case(ignore: "a\\?", path: "ab", excluded: false),
        Case(ignore: "*.md\n!README.md", path: "README.md", excluded: false),
        Case(ignore: "*.md\n!README.md", path: "CHANGES.md", excluded: true),
        Case(ignore: "!README.md\n*.md", path: "README.md", excluded: true),
        Case(ignore: "*.md\n!README*.md\nREADME-secret.md", path: "README-secret.md", excluded: true),
        Case(ignore: "*.md\n!README*.md\nREADME-secret.md", path: "README-public.md", excluded: false),
        Case(ignore: "a\n!a/keep", path: "a/keep", excluded: false),
        Case(ignore: "a\n!a/keep", path: "a/keep/inside", excluded: false),
        Case(ignore: "a\n!a/keep", path: "a/other", excluded: true),
        Case(ignore: "a\n! a/keep ", path: "a/keep", excluded: false),
        Case(ignore: "*\n!src\nsrc/*.tmp", path: "src/x.tmp", excluded: true),
        Case(ignore: "*\n!src\nsrc/*.tmp", path: "src/x.swift", excluded: false),
        Case(ignore: "*\n!src\nsrc/*.tmp", path: "other", excluded: true),
    ]

    static func rules(_ text: String) throws -> DockerIgnore {
        try DockerIgnore(parsing: text)
    }

    @Test(arguments: cases) func matching(_ item: Case) throws {
        #expect(try Self.rules(item.ignore).isExcluded(relativePath: item.path) == item.excluded)
    }

    struct WalkCase: Sendable, CustomStringConvertible {
        let ignore: String
        let directory: String
        let walk: Bool
        var description: String { "\(ignore.debugDescription) \(directory) → \(walk)" }
    }

    static let walkCases: [WalkCase] = [
        WalkCase(ignore: "a", directory: "a", walk: false),
        WalkCase(ignore: "a\n!a/b/c", directory: "a", walk: true),
        WalkCase(ignore: "a\n!a/b/c", directory: "a/b", walk: true),
        WalkCase(ignore: "a\n!a/b/c", directory: "a/x", walk: false),
        WalkCase(ignore: "a\n!a/*/c", directory: "a/x", walk: true),
        WalkCase(ignore: "a\n!**/*.go", directory: "a/x", walk: true),
        WalkCase(ignore: "a\n!b/c", directory: "a", walk: false),
        WalkCase(ignore: "a\n![ab]/c", directory: "a", walk: true),
    ]

    @Test(arguments: walkCases) func walkingExcludedDirectories(_ item: WalkCase) throws {
        #expect(try Self.rules(item.ignore).mustWalk(excludedDirectory: item.directory) == item.walk)
    }

    @Test func theDockerfileAndIgnoreFileAreAlwaysSent() throws {
        let rules = try DockerIgnore(parsing: "*\n", alwaysIncluded: ["build/Dockerfile", ".dockerignore"])
        #expect(!rules.isExcluded(relativePath: "build/Dockerfile"))
        #expect(!rules.isExcluded(relativePath: ".dockerignore"))
        #expect(rules.isExcluded(relativePath: "build/other"))
        #expect(rules.mustWalk(excludedDirectory: "build"))
        #expect(!rules.mustWalk(excludedDirectory: "src"))
    }

    @Test(arguments: ["!", "[abc", "[]", "[z-a]"]) func badPatternsAreRejected(_ text: String) {
        #expect(throws: DockerIgnore.ParseError.self) { try DockerIgnore(parsing: text) }
    }

    @Test(arguments: [
        ("a/../b", "b"), ("./", "."), ("", "."), ("/../a", "/a"), ("../a", "../a"), ("a/./b//", "a/b"),
        ("a/b/../../..", ".."),
    ])
    func cleaning(_ input: String, _ expected: String) {
        #expect(DockerIgnore.clean(input) == expected)
    }
}
