import Foundation
import PierTestSupport
import Testing

@testable import ComposeSpec

/// `pier config --format json` against Docker Compose's on every fixture: equal JSON, or both failing.
@Suite struct ConfigDifferentialTests {
    struct Fixture: CustomTestStringConvertible, Sendable {
        var name: String
        var directory: URL
        var testDescription: String { name }

        func lines(_ file: String) -> [String] {
            guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else {
                return []
            }
            return text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        }

        var arguments: [String] { arguments(format: "json") }

        func arguments(format: String) -> [String] {
            let global = lines("args").flatMap { $0.split(separator: " ").map(String.init) }
            let services = lines("services").flatMap { $0.split(separator: " ").map(String.init) }
            return global + ["config", "--format", format] + services
        }

        var environment: [String: String] {
            var environment = [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/root",
            ]
            for line in lines("env") {
                guard let equals = line.firstIndex(of: "=") else { continue }
                environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
            }
            return environment
        }

        var stdin: Data? { try? Data(contentsOf: directory.appendingPathComponent("stdin")) }
        var expectsError: Bool {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent("expect-error").path)
        }

        /// Where the error must be reported (`compose.yaml:4:7`, relative to the fixture), from `expect-error`;
        /// nil when it names no place.
        var expectedErrorPosition: String? { lines("expect-error").first }

        /// A file of the fixture's own, when it has one, with `$DIR` standing for the fixture's directory and
        /// `$HOME` for the home directory.
        func file(_ name: String) -> String? {
            (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))?
                .replacingOccurrences(of: "$DIR", with: directory.path)
                .replacingOccurrences(of: "$HOME", with: environment["HOME"] ?? "")
        }
    }

    static let configFixtures = TestSupport.fixtures.appendingPathComponent("config")

    static let fixtures: [Fixture] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: configFixtures.path)) ?? []
        return names.sorted().compactMap { name in
            let directory = configFixtures.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { return nil }
            return Fixture(name: name, directory: directory)
        }
    }()

    /// Fixtures where Pier deliberately differs from the reference, with the reason (`name: reason` lines).
    static let exceptions: [String: String] = {
        let file = configFixtures.appendingPathComponent("EXCEPTIONS")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        var exceptions: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            exceptions[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        return exceptions
    }()

    @Test func corpusIsLargeEnough() {
        #expect(Self.fixtures.count >= 150)
    }

    /// Each deliberate difference is checked for what Pier does instead, as `docs/compatibility.md` says: an error
    /// at a place (`pier.err`: the position, then the message), values of its output (`pier.json`: every key it
    /// gives must be there with that value), or the reference's output for an equivalent file (`equivalent.yaml`).
    @Test(arguments: fixtures.filter { exceptions[$0.name] != nil })
    func behavesAsDocumentedWhereItDiffers(_ fixture: Fixture) async throws {
        let pier = try await TestSupport.run(
            TestSupport.pierBinary, fixture.arguments, in: fixture.directory, environment: fixture.environment,
            stdin: fixture.stdin)
        let expectations = ["pier.err", "pier.json", "equivalent.yaml"].filter { fixture.file($0) != nil }
        try #require(!expectations.isEmpty, "an exception must say what Pier does instead (pier.err, pier.json…)")
        if let expected = fixture.file("pier.err")?.trimmingCharacters(in: .whitespacesAndNewlines) {
            #expect(pier.status == 1, "exit status \(pier.status): \(pier.stderr)")
            let position = expected.prefix { $0 != " " }.dropLast()
            try ConfigErrorTests.expectError(pier.stderr, at: String(position), in: fixture)
            #expect(pier.stderr.contains(expected.drop { $0 != " " }.dropFirst()), "\(pier.stderr)")
            return
        }
        try #require(pier.status == 0, "pier failed: \(pier.stderr)")
        let output = try JSONSerialization.jsonObject(with: Data(pier.stdout.utf8))
        if let expected = fixture.file("pier.json") {
            let values = try JSONSerialization.jsonObject(with: Data(expected.utf8))
            #expect(Self.contains(output, values), "pier:\n\(pier.stdout)\nexpected at least:\n\(expected)")
        }
        if fixture.file("equivalent.yaml") != nil {
            // Only live (no recording of the equivalent file): skipped without the reference, except under CI.
            if await TestSupport.referenceCompose == nil, !TestSupport.isCI { return }
            let equivalent = try await TestSupport.run(
                try await TestSupport.requireReference(), ["-f", "equivalent.yaml"] + fixture.arguments,
                in: fixture.directory, environment: fixture.environment, stdin: fixture.stdin)
            try #require(equivalent.status == 0, "the reference failed: \(equivalent.stderr)")
            let expected = try JSONSerialization.jsonObject(with: Data(equivalent.stdout.utf8))
            #expect((output as? NSDictionary) == (expected as? NSDictionary), "pier:\n\(pier.stdout)")
        }
    }

    /// Whether `value` has every key of `expected` (recursively) with the same value.
    static func contains(_ value: Any, _ expected: Any) -> Bool {
        if let expected = expected as? [String: Any] {
            guard let value = value as? [String: Any] else { return false }
            return expected.allSatisfy { key, wanted in value[key].map { contains($0, wanted) } ?? false }
        }
        return NSArray(array: [value]) == NSArray(array: [expected])
    }

    /// The fixtures where Pier must say what the reference says.
    static let compared = fixtures.filter { exceptions[$0.name] == nil }

    /// Pier's JSON equals the reference's (live, or as recorded when the reference is not installed).
    @Test(arguments: compared)
    func matchesReference(_ fixture: Fixture) async throws {
        let expected = try await Self.reference(for: fixture, fixture.arguments)
        let pier = try await TestSupport.run(
            TestSupport.pierBinary, fixture.arguments, in: fixture.directory, environment: fixture.environment,
            stdin: fixture.stdin)
        if fixture.expectsError {
            #expect(!expected.succeeded, "the reference accepted an expect-error fixture")
        }
        if !expected.succeeded {
            #expect(pier.status != 0, "pier accepted what the reference rejects: \(expected.stderr)")
            #expect(!pier.stderr.isEmpty, "pier failed without saying why")
            return
        }
        try #require(pier.status == 0, "pier failed: \(pier.stderr)")
        let pierJSON = try JSONSerialization.jsonObject(with: Data(pier.stdout.utf8)) as? NSDictionary
        let referenceJSON = try JSONSerialization.jsonObject(with: Data(expected.stdout.utf8)) as? NSDictionary
        #expect(pierJSON == referenceJSON, "pier:\n\(pier.stdout)\nreference:\n\(expected.stdout)")
    }

    /// The YAML form too must say the same as the reference's, value for value. Only live: the recordings are of
    /// the JSON form, which holds more (`null`s, empty `ipam`) than the YAML one.
    @Test(.requiresReference, arguments: compared.filter { !$0.expectsError })
    func yamlMatchesReference(_ fixture: Fixture) async throws {
        let arguments = fixture.arguments(format: "yaml")
        let expected = try await Self.reference(for: fixture, arguments)
        let pier = try await TestSupport.run(
            TestSupport.pierBinary, arguments, in: fixture.directory, environment: fixture.environment,
            stdin: fixture.stdin)
        try #require(expected.succeeded && pier.status == 0, "pier: \(pier.stderr) reference: \(expected.stderr)")
        let pierDocument = try YAMLReader.documents(pier.stdout, file: "pier").first
        let referenceDocument = try YAMLReader.documents(expected.stdout, file: "reference").first
        let equal = pierDocument.flatMap { mine in referenceDocument.map { NodeEquality.equal(mine, $0) } } ?? false
        #expect(equal, "pier:\n\(pier.stdout)\nreference:\n\(expected.stdout)")
    }
}
