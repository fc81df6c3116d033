import ComposeSpec
import DockerEngine
import Foundation
import Testing

@testable import Orchestration

/// Attributes newer than the engine's API: refused with the file, line and column they were written at, the
/// attribute and the version it needs; sent as the API has them from that version on.
@Suite struct EngineRequirementTests {
    struct Case: CustomTestStringConvertible, Sendable {
        /// Lines under service `s` (line 4 of the file onwards, indented by 4: `BodyCase`).
        var attributes: String
        var topLevel: String = ""
        var path: String
        var api: (Int, Int)
        var engine: String
        var line: Int
        var column: Int
        var testDescription: String { path }
    }

    static let networks = "networks:\n  n1: {}\n  n2: {}\n"

    static let cases: [Case] = [
        Case(attributes: "annotations: {a: b}", path: "annotations", api: (1, 43), engine: "24.0", line: 4, column: 5),
        Case(
            attributes: "healthcheck:\n  test: [CMD, \"true\"]\n  start_period: 5s\n  start_interval: 2s",
            path: "healthcheck.start_interval", api: (1, 44), engine: "25.0", line: 7, column: 7),
        Case(
            attributes:
                "networks:\n  n1: {mac_address: \"02:42:ac:11:00:42\"}\n  n2: {mac_address: \"02:42:ac:11:00:43\"}",
            topLevel: networks, path: "networks.n2.mac_address", api: (1, 44), engine: "25.0", line: 6, column: 12),
        Case(
            attributes: "volumes:\n  - {type: bind, source: /srv, target: /r, bind: {recursive: readonly}}",
            path: "volumes[0].bind.recursive", api: (1, 44), engine: "25.0", line: 5, column: 55),
        Case(
            attributes: "volumes:\n  - {type: volume, source: v, target: /v, volume: {subpath: sub}}",
            topLevel: "volumes:\n  v: {}\n", path: "volumes[0].volume.subpath", api: (1, 45), engine: "26.0", line: 5,
            column: 56),
        Case(
            attributes: "networks:\n  n1: {gw_priority: 5}", topLevel: networks, path: "networks.n1.gw_priority",
            api: (1, 48), engine: "28.0", line: 5, column: 12),
        Case(
            attributes: "volumes:\n  - {type: image, source: busybox, target: /img}", path: "volumes[0].type",
            api: (1, 48), engine: "28.0", line: 5, column: 10),
        Case(
            attributes: "networks:\n  n1: {interface_name: eth7}", topLevel: networks,
            path: "networks.n1.interface_name", api: (1, 49), engine: "28.1", line: 5, column: 12),
    ]

    @Test(arguments: cases) func refusedBelowItsVersionWithWhereItWasWritten(_ testCase: Case) throws {
        let yaml = BodyCase(attributes: testCase.attributes, topLevel: testCase.topLevel).yaml
        let older = APIVersion(testCase.api.0, testCase.api.1 - 1)
        let error = #expect(throws: OrchestrationError.self) {
            try ServiceFixture.request(yaml, api: (older.major, older.minor))
        }
        #expect(error?.code == .engineTooOld)
        #expect(error?.location?.line == testCase.line)
        #expect(error?.location?.column == testCase.column)
        // Pier speaks at most the newest API it knows, whatever the engine's.
        let speaks = older < APIVersion(1, 47) ? "this engine speaks API \(older)" : "Pier speaks API 1.47 at most"
        #expect(
            error?.message
                == "service \"s\": \(testCase.path) needs Docker Engine \(testCase.engine) (API 1.\(testCase.api.1)); \(speaks)"
        )
        _ = try ServiceFixture.request(yaml, api: testCase.api)
    }

    @Test func theFirstNetworksAddressNeedsNoNewerEngine() throws {
        let yaml = BodyCase(
            attributes: "networks:\n  n1: {mac_address: \"02:42:ac:11:00:42\"}\n  n2: {}", topLevel: Self.networks
        ).yaml
        let request = try ServiceFixture.request(yaml)
        #expect(request[config: "MacAddress"] == "02:42:ac:11:00:42")
    }

    @Test func aNetworkWithoutIPv4NeedsAPI147() throws {
        let project = try ServiceFixture.project(
            "services:\n  s: {image: x}\nnetworks:\n  default:\n    enable_ipv4: false\n")
        let error = #expect(throws: OrchestrationError.self) {
            try NetworkSpec.createBody(project: project, key: "default", apiVersion: APIVersion(1, 46))
        }
        #expect(error?.location?.line == 5)
        #expect(error?.location?.column == 5)
        #expect(
            error?.message.hasPrefix("network \"default\": enable_ipv4 needs Docker Engine 28.0 (API 1.47)") == true)
        let body = try NetworkSpec.createBody(project: project, key: "default", apiVersion: APIVersion(1, 47))
        #expect(body["EnableIPv4"] == false)
    }

    /// The whole project is checked before anything is made: every use in the selected services and in the networks
    /// it creates, external networks and unselected services aside.
    @Test func violationsOfAProject() throws {
        let project = try ServiceFixture.project(
            """
            services:
              a: {image: x, annotations: {k: v}, healthcheck: {test: [CMD, "true"], start_interval: 1s}}
              b: {image: x, annotations: {k: v}}
            networks:
              default: {enable_ipv4: false}
              outside: {external: true, enable_ipv4: false}
            """)
        let found = EngineRequirement.violations(in: project, services: ["a"], api: APIVersion(1, 41))
        #expect(found.map(\.service) == ["a", "a", nil])
        #expect(found.map { $0.location?.line } == [2, 2, 5])
        #expect(EngineRequirement.violations(in: project, api: APIVersion(1, 41)).count == 4)
        #expect(EngineRequirement.violations(in: project, api: APIVersion(1, 47)).isEmpty)
    }

    /// An engine newer than Pier knows is spoken to in the newest API Pier knows, and the message says so.
    @Test func beyondTheNewestKnownVersion() throws {
        let yaml = BodyCase(attributes: "networks:\n  n1: {gw_priority: 5}", topLevel: Self.networks).yaml
        let error = #expect(throws: OrchestrationError.self) {
            try ServiceFixture.request(yaml, api: (APIVersion.newestKnown.major, APIVersion.newestKnown.minor))
        }
        #expect(error?.message.hasSuffix("; Pier speaks API \(APIVersion.newestKnown) at most") == true)
    }

    /// docs/engine-versions.md has a row for every requirement, with its API and Engine versions.
    @Test func theDocumentedTableListsEveryRequirement() throws {
        let page = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                    "docs/engine-versions.md"),
            encoding: .utf8)
        let section = try #require(page.components(separatedBy: "\n## ").first { $0.hasPrefix("Attributes") })
        let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }
        for requirement in EngineRequirement.all {
            let row = rows.first { $0.hasPrefix("| `\(requirement.attribute)`") }
            #expect(row?.contains("| \(requirement.api) | \(requirement.engine) |") == true, "\(requirement.attribute)")
        }
        #expect(rows.count == EngineRequirement.all.count)
    }
}
