import Foundation
import Testing

@testable import ComposeSpec

/// Containers are labelled with their service's configuration hash and recreated when it changes, so the
/// hash of the same input must stay the same from one Pier version to the next.
@Suite struct ServiceHashTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/config-hash")

    static func hashes() throws -> [String] {
        var options = ProjectOptions(environment: [:], workingDirectory: directory.path)
        options.profiles = ["*"]
        let project = try ProjectLoader.load(options)
        return (project.document["services"]?.mapping ?? [:]).map { "\($0.key) \(ServiceHash.of($0.value))" }
    }

    @Test func hashesMatchTheRecordedOnes() throws {
        let golden = Self.directory.appendingPathComponent("hashes.txt")
        let current = try Self.hashes().joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["PIER_RECORD_GOLDEN"] == "1" {
            try current.write(to: golden, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: golden, encoding: .utf8) == current)
    }

    @Test func whatDoesNotChangeAContainerDoesNotChangeTheHash() throws {
        let base = try #require(try YAMLReader.documents("{image: x, command: [a]}", file: "a").first)
        let scaled = try #require(
            try YAMLReader.documents(
                "{image: x, command: [a], scale: 4, profiles: [p], pull_policy: always}", file: "b"
            ).first)
        let changed = try #require(try YAMLReader.documents("{image: x, command: [b]}", file: "c").first)
        #expect(ServiceHash.of(base) == ServiceHash.of(scaled))
        #expect(ServiceHash.of(base) != ServiceHash.of(changed))
    }

    @Test func sha256KnownAnswers() {
        #expect(
            SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hexDigest(Array(String(repeating: "a", count: 1000).utf8))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
