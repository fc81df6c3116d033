import Foundation
import Testing

@testable import ComposeSpec

/// Inputs that crashed, hung or grew the loader without bound: each now loads, or fails with an error that says
/// where (docs/limits.md lists the bounds).
@Suite struct LoaderLimitsTests {
    static func services(_ count: Int, _ body: (Int) -> String) -> String {
        "services:\n  s0: {image: alpine}\n" + (1..<count).map { "  s\($0): {\(body($0))}\n" }.joined()
    }

    @Test(arguments: [
        (["compose.yaml": "include:\n  - compose.yaml\nservices: {a: {image: x}}\n"], "compose.yaml:2:5"),
        (
            [
                "compose.yaml": "include:\n  - b.yaml\nservices: {a: {image: x}}\n",
                "b.yaml": "services: {b: {image: x}}\ninclude: [compose.yaml]\n",
            ], "b.yaml:2:11"
        ),
        (["compose.yaml": "include:\n  - sub/../compose.yaml\n", "sub/x": ""], "compose.yaml:2:5"),
        (
            [
                "compose.yaml": "services: {a: {image: x}}\ninclude:\n  - sub/c.yaml\n",
                "sub/c.yaml": "include: [../compose.yaml]\n",
            ], "sub/c.yaml:1:11"
        ),
    ])
    func includeCyclesAreLocatedErrors(files: [String: String], position: String) throws {
        let project = try ScratchProject(files)
        defer { project.remove() }
        let error = try #require(project.failure())
        #expect(error.code == .dependencyCycle)
        #expect(error.description.hasPrefix(project.path(position) + ": include cycle detected: "), "\(error)")
    }

    @Test func anIncludeCycleThroughASymbolicLinkIsFound() throws {
        let project = try ScratchProject(["compose.yaml": "include: [link.yaml]\nservices: {a: {image: x}}\n"])
        defer { project.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: project.path("link.yaml"), withDestinationPath: "compose.yaml")
        let error = try #require(project.failure())
        #expect(error.description.hasPrefix(project.path("compose.yaml") + ":1:11: include cycle detected"))
    }

    @Test func includeFanOutAndDepthAreBounded() throws {
        var diamond = ["compose.yaml": "include: [l0.yaml]\n"]
        for level in 0..<25 {
            diamond["l\(level).yaml"] =
                "include: [l\(level + 1).yaml, l\(level + 1).yaml]\nservices: {s\(level): {image: x}}\n"
        }
        diamond["l25.yaml"] = "services: {last: {image: x}}\n"
        let wide = try ScratchProject(diamond)
        defer { wide.remove() }
        #expect(wide.failure()?.message.hasPrefix("the project includes more than 1000 files in all") == true)

        var chain = ["compose.yaml": "include: [c0.yaml]\n"]
        for level in 0..<150 { chain["c\(level).yaml"] = "include: [c\(level + 1).yaml]\n" }
        chain["c150.yaml"] = "services: {a: {image: x}}\n"
        let deep = try ScratchProject(chain)
        defer { deep.remove() }
        let error = try #require(deep.failure())
        #expect(error.message.hasPrefix("include is nested more than 100 levels deep"), "\(error)")
        #expect(error.location == SourceLocation(file: deep.path("c99.yaml"), line: 1, column: 11))
    }

    @Test func longExtendsChainsLoad() throws {
        let project = try ScratchProject(["compose.yaml": Self.services(3_000) { "extends: s\($0 - 1)" }])
        defer { project.remove() }
        let loaded = try project.load()
        #expect(loaded.document["services"]?["s2999"]?["image"]?.string == "alpine")
    }

    @Test func aCycleClosingALongExtendsChainIsFound() throws {
        let yaml = Self.services(2_000) { "extends: s\($0 - 1)" }.replacingOccurrences(
            of: "s0: {image: alpine}", with: "s0: {image: alpine, extends: s1999}")
        let project = try ScratchProject(["compose.yaml": yaml])
        defer { project.remove() }
        let error = try #require(project.failure())
        #expect(error.code == .dependencyCycle)
        #expect(error.message.hasPrefix("circular reference with extends: "))
    }

    @Test func extendsThatGrowsAtEachLinkIsBounded() throws {
        let project = try ScratchProject([
            "compose.yaml": Self.services(3_000) { "extends: s\($0 - 1), environment: [A\($0)=1]" }
        ])
        defer { project.remove() }
        let error = try #require(project.failure())
        #expect(error.message.hasPrefix("extends adds more than 1000000 nodes to this file"), "\(error)")
    }

    @Test func portRangesAreCheckedBeforeTheyExpand() throws {
        let huge = try ScratchProject(["compose.yaml": "services:\n  a: {image: x, ports: ['1-4294967296']}\n"])
        defer { huge.remove() }
        let error = try #require(huge.failure())
        #expect(
            error.description == huge.path("compose.yaml")
                + ":2:25: invalid port \"1-4294967296\": invalid containerPort: 1-4294967296")

        let many = try ScratchProject([
            "compose.yaml": "services:\n  a: {image: x, ports: ["
                + Array(repeating: "'1-65535'", count: 20).joined(separator: ", ") + "]}\n"
        ])
        defer { many.remove() }
        #expect(many.failure()?.message.hasPrefix("ports expand to more than 1000000 in all") == true)
    }

    @Test(arguments: ["depends_on: [s%]", "links: [s%]", "network_mode: 'service:s%'", "volumes_from: [s%]"])
    func dependencyChainsOf15000ServicesLoad(attribute: String) throws {
        let yaml = Self.services(15_000) {
            "image: alpine, " + attribute.replacingOccurrences(of: "%", with: String($0 - 1))
        }
        let project = try ScratchProject(["compose.yaml": yaml])
        defer { project.remove() }
        #expect(try project.load().document["services"]?.mapping?.count == 15_000)
    }

    @Test func aCycleClosingALongDependencyChainIsFound() throws {
        let yaml = Self.services(15_000) { "image: alpine, depends_on: [s\($0 - 1)]" }.replacingOccurrences(
            of: "s0: {image: alpine}", with: "s0: {image: alpine, depends_on: [s14999]}")
        let project = try ScratchProject(["compose.yaml": yaml])
        defer { project.remove() }
        let error = try #require(project.failure())
        #expect(error.message.hasPrefix("dependency cycle detected: s0 -> s14999 -> s14998"), "\(error)")
    }

    @Test func aliasExpansionIsBounded() throws {
        var yaml = "x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            yaml +=
                "x-a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        let error = try #require(throws: ComposeError.self) { try YAMLReader.documents(yaml, file: "f") }
        #expect(error.message.hasPrefix("aliases of anchor &a4 and others expand this file by more than 1000000"))
        #expect(error.location == SourceLocation(file: "f", line: 5, column: 7))
    }

    /// A key that aliases make a collection is refused before the YAML library hashes it (it would walk every
    /// copy); an alias of a scalar is a key like any other.
    @Test(.timeLimit(.minutes(1))) func aKeyMadeOfAliasesIsRefusedBeforeItIsHashed() throws {
        var laughs = "x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...8 {
            laughs +=
                "x-a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        for (key, column) in [("? *a8", 11), ("[x, *a8]", 9), ("{k: *a8}", 9)] {
            let yaml = laughs + "x-key: {\(key): v}\n"
            let error = try #require(throws: ComposeError.self) { try YAMLReader.documents(yaml, file: "f") }
            #expect(
                error.message == "mapping keys must be strings, found a collection made of YAML aliases"
                    || error.message.hasPrefix("mapping keys must be strings, found an"), "\(key): \(error.message)")
            #expect(error.location == SourceLocation(file: "f", line: 10, column: column), "\(key)")
        }
        let scalarKey = try YAMLReader.documents("x-name: &name web\nservices:\n  *name : {image: alpine}\n", file: "f")
        #expect(scalarKey.first?["services"]?["web"]?["image"]?.string == "alpine")
    }

    @Test func anchorsUsedByManyServicesStillLoad() throws {
        let defaults = "x-defaults: &defaults {restart: always, labels: {a: b, c: d}, environment: [A=1, B=2, C=3]}\n"
        let yaml = defaults + "services:\n" + (0..<20_000).map { "  s\($0): {<<: *defaults, image: alpine}\n" }.joined()
        let documents = try YAMLReader.documents(yaml, file: "f")
        #expect(documents.first?["services"]?["s19999"]?["restart"]?.string == "always")
    }

    @Test func interpolationNestingIsBounded() throws {
        let deep = String(repeating: "${A:-", count: 10_000) + "x" + String(repeating: "}", count: 10_000)
        #expect(throws: InterpolationFailure.nestedTooDeep) { try Interpolation.substitute(deep) { _ in nil } }
        #expect(throws: InterpolationFailure.nestedTooDeep) { try Interpolation.variables(in: deep) }
        let fine = String(repeating: "${A:-", count: 100) + "x" + String(repeating: "}", count: 100)
        #expect(try Interpolation.substitute(fine) { _ in nil } == "x")
    }

    @Test func aLineOfManyExpressionsIsSubstitutedInOnePass() throws {
        let line = String(repeating: "${A:-x}${B}", count: 100_000)
        let value = String(repeating: "v", count: 100)
        let result = try Interpolation.substitute(line) { $0 == "B" ? value : nil }
        #expect(result.utf8.count == 100_000 * 101)
        #expect(try Interpolation.variables(in: line).count == 200_000)
    }

    @Test func interpolationGrowthIsBounded() throws {
        let project = try ScratchProject([
            ".env": "A0=xxxxxxxxxxxxxxxx\n" + (1..<40).map { "A\($0)=${A\($0 - 1)}${A\($0 - 1)}\n" }.joined(),
            "compose.yaml": "services: {a: {image: alpine}}\n",
        ])
        defer { project.remove() }
        let error = try #require(project.failure())
        #expect(
            error.message.hasSuffix(
                "interpolation adds more than 32 MiB to this file (see the limits in docs/limits.md)"))
        #expect(error.location == SourceLocation(file: project.path(".env"), line: 22, column: 1))
    }

    @Test func envFilesThatAreNotRegularFiles() throws {
        let project = try ScratchProject([
            "compose.yaml":
                "services:\n  empty: {image: x, env_file: /dev/null}\n  zero: {image: x, env_file: /dev/zero}\n"
        ])
        defer { project.remove() }
        let error = try #require(project.failure())
        #expect(
            error.description == project.path("compose.yaml")
                + ":3:30: env file /dev/zero: larger than 256 MiB (see the limits in docs/limits.md)")

        let fifo = try ScratchProject(["compose.yaml": "services: {a: {image: x, env_file: pipe}}\n"])
        defer { fifo.remove() }
        #expect(mkfifo(fifo.path("pipe"), 0o600) == 0)
        #expect(fifo.failure()?.message.hasSuffix("not a regular file: a pipe or socket would wait forever") == true)
    }
}
