import Testing

@testable import Orchestration

@Suite struct DockerfileSyntaxTests {
    @Test(arguments: [
        ("# syntax=docker/dockerfile:1\nFROM x\n", "docker/dockerfile:1"),
        ("#syntax = docker/dockerfile:1.7-labs\n", "docker/dockerfile:1.7-labs"),
        ("# escape=`\n# syntax=example.com/front:2\nFROM x\n", "example.com/front:2"),
        ("\u{FEFF}# Syntax=docker/dockerfile:1\n", "docker/dockerfile:1"),
    ])
    func theDirectiveIsRead(text: String, expected: String) {
        #expect(DockerfileSyntax.directive(in: Array(text.utf8)) == expected)
    }

    @Test(arguments: [
        "FROM x\n# syntax=docker/dockerfile:1\n",  // not at the top
        "# a comment\n# syntax=docker/dockerfile:1\n",  // after a plain comment directives end
        "FROM x\n",
    ])
    func otherwiseThereIsNone(text: String) {
        #expect(DockerfileSyntax.directive(in: Array(text.utf8)) == nil)
    }
}
