import ComposeSpec
import Testing

@testable import Orchestration

/// How `run`'s command line changes the service its one-off container runs, as Compose changes it.
@Suite struct OneOffRequestTests {
    private func service(_ yaml: String) throws -> Node {
        let project = try ServiceFixture.project("services:\n  s:\n" + yaml)
        return try #require(project.document["services"]?["s"])
    }

    @Test func dropsWhatOneOffsDoNotGetAndKeepsTheRest() throws {
        let original = try service(
            """
                image: x
                command: [serve]
                restart: always
                container_name: fixed
                ports: ["8080:80"]
                environment: {A: "1"}
            """)
        let changed = try OneOffRequest(service: "s").apply(to: original)
        #expect(changed["restart"] == nil && changed["container_name"] == nil && changed["ports"] == nil)
        #expect(changed["command"]?.sequence?.compactMap(\.string) == ["serve"])
        #expect(changed["environment"]?["A"]?.scalarText == "1")
        #expect(changed["stdin_open"]?.value.isTrue == true)
    }

    @Test func commandLineOverridesWin() throws {
        let original = try service("    image: x\n    command: [serve]\n    ports: [\"8080:80\"]\n")
        var request = OneOffRequest(service: "s")
        request.entrypoint = try ShellWords.split("sh -c")
        request.environment = ["B=2", "C"]
        request.labels = ["team=qa"]
        request.servicePorts = true
        request.volumes = ["./data:/data:ro"]
        request.currentDirectory = "/work"
        let changed = try request.apply(to: original)
        #expect(changed["entrypoint"]?.sequence?.compactMap(\.string) == ["sh", "-c"])
        #expect(changed["command"]?.sequence?.isEmpty == true)  // an entrypoint alone clears the command
        #expect(changed["environment"]?["B"]?.scalarText == "2" && changed["environment"]?["C"]?.isNull == true)
        #expect(changed["labels"]?["team"]?.scalarText == "qa")
        #expect(changed["ports"]?.sequence?.count == 1)
        let volume = try #require(changed["volumes"]?.sequence?.first)
        #expect(volume["source"]?.string == "/work/data" && volume["target"]?.string == "/data")
        request.publish = ["127.0.0.1:9000:90"]
        #expect(try request.apply(to: original)["ports"]?.sequence?.first?["target"]?.scalarText == "90")
    }

    @Test(arguments: [
        ("sh -c", ["sh", "-c"]), ("  a   'b c'  \"d e\" f\\ g", ["a", "b c", "d e", "f g"]), ("''", [""]),
        ("", []),
    ])
    func shellWords(line: String, words: [String]) throws {
        #expect(try ShellWords.split(line) == words)
    }
}
