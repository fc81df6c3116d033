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

    /// Pier's JSON equals the reference's (live, or as recorded when the reference is not installed).
    @Test(arguments: fixtures)
    func matchesReference(_ fixture: Fixture) async throws {
        if Self.exceptions[fixture.name] != nil { return }
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
    @Test(.requiresReference, arguments: fixtures.filter { !$0.expectsError })
    func yamlMatchesReference(_ fixture: Fixture) async throws {
        if Self.exceptions[fixture.name] != nil { return }
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
