import DockerEngine
import Foundation
import Testing

@testable import Orchestration

/// The pure parts of the read-only queries behind `ps`, `ls`, `port`, `images`, `events` and `logs -f`.
@Suite struct QueriesReadCommandsTests {
    /// A container as `GET /containers/json` lists it.
    static func summary(
        id: String = "abc123", name: String = "/demo-web-1", state: String = "running",
        labels: [String: String] = [:], ports: String = "[]"
    ) throws -> ContainerSummary {
        let labelsJSON = String(decoding: try JSONEncoder().encode(labels), as: UTF8.self)
        let json = """
            {"Id":"\(id)","Names":["\(name)"],"Image":"busybox","State":"\(state)","Labels":\(labelsJSON),
             "Ports":\(ports)}
            """
        return try JSONDecoder().decode(ContainerSummary.self, from: Data(json.utf8))
    }

    static let webLabels = [
        "com.docker.compose.project": "demo", "com.docker.compose.service": "web",
        "com.docker.compose.container-number": "1", "com.docker.compose.oneoff": "False",
        "com.docker.compose.project.config_files": "/src/compose.yaml",
    ]

    @Test(arguments: [
        ([String](), ""), (["running"], "running(1)"), (["running", "exited", "running"], "exited(1), running(2)"),
        (["paused", "created", "exited"], "created(1), exited(1), paused(1)"),
    ])
    func combinedStatusCountsStatesInAlphabeticalOrder(states: [String], expected: String) {
        #expect(ProjectListing.combinedStatus(states) == expected)
    }

    @Test func projectsAreGroupedByLabelAndConfigFilesMerged() throws {
        var other = Self.webLabels
        other["com.docker.compose.project.config_files"] = "/src/compose.yaml,/src/override.yaml"
        var second = Self.webLabels
        second["com.docker.compose.project"] = "alpha"
        let summaries = ProjectListing.summaries(of: [
            try Self.summary(labels: Self.webLabels), try Self.summary(state: "exited", labels: other),
            try Self.summary(labels: second),
        ])
        #expect(summaries.map(\.name) == ["alpha", "demo"])
        #expect(summaries[1].status == "exited(1), running(1)")
        #expect(summaries[1].configFiles == "/src/compose.yaml,/src/override.yaml")
    }

    @Test func aContainerWithoutConfigFilesMakesThemUnknown() throws {
        var labels = Self.webLabels
        labels["com.docker.compose.project.config_files"] = nil
        #expect(ProjectListing.summaries(of: [try Self.summary(labels: labels)])[0].configFiles == "N/A")
    }

    @Test(arguments: [("exp1", "exp", true), ("exp1", "^x", false), ("exp1", "[", false), ("web", "w.b", true)])
    func nameFiltersAreRegularExpressions(name: String, pattern: String, matches: Bool) {
        #expect(ProjectListing.name(name, matches: pattern) == matches)
    }

    @Test func namesDropTheProjectOnlyWhenDefault() throws {
        #expect(try Self.summary(labels: Self.webLabels).nameWithoutProject == "web-1")
        #expect(try Self.summary(name: "/custom", labels: Self.webLabels).nameWithoutProject == "custom")
        let linked = try JSONDecoder().decode(
            ContainerSummary.self, from: Data(#"{"Id":"x","Names":["/other/alias","/demo-web-1"]}"#.utf8))
        #expect(linked.canonicalName == "demo-web-1")
    }

    static let webPorts = """
        [{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"},
         {"IP":"::","PrivatePort":80,"PublicPort":8080,"Type":"tcp"},
         {"PrivatePort":443,"Type":"tcp"},
         {"IP":"0.0.0.0","PrivatePort":53,"PublicPort":5353,"Type":"udp"}]
        """

    @Test func portLookupFindsTheFirstBindingOfTheProtocol() throws {
        let container = try Self.summary(labels: Self.webLabels, ports: Self.webPorts)
        let found = try PortLookup.find(80, type: "tcp", in: container)
        #expect(found.ip == "0.0.0.0" && found.port == 8080)
        #expect(try PortLookup.find(53, type: "udp", in: container).port == 5353)
        #expect(PortBinding.publishersOrder(container.portBindings).map(\.privatePort) == [53, 80, 80, 443])
    }

    @Test func portLookupListsWhatTheContainerHasWhenMissing() throws {
        let container = try Self.summary(labels: Self.webLabels, ports: Self.webPorts)
        #expect(throws: OrchestrationError.self) { try PortLookup.find(53, type: "tcp", in: container) }
        do {
            _ = try PortLookup.find(81, type: "tcp", in: container)
        } catch {
            #expect(error.message == "no port 81/tcp for container demo-web-1: 8080/tcp, 8080/tcp, 0/tcp, 5353/udp")
        }
    }

    @Test func serviceContainersComeByNumberThenOneOffs() throws {
        func labels(_ number: String?, oneOff: Bool) -> [String: String] {
            var labels = Self.webLabels
            labels["com.docker.compose.container-number"] = number
            labels["com.docker.compose.oneoff"] = oneOff ? "True" : "False"
            return labels
        }
        let sorted = ProjectContainerQuery.sortedByNumber([
            try Self.summary(id: "run", labels: labels(nil, oneOff: true)),
            try Self.summary(id: "two", labels: labels("2", oneOff: false)),
            try Self.summary(id: "one", labels: labels("1", oneOff: false)),
        ])
        #expect(sorted.map(\.id) == ["one", "two", "run"])
    }

    @Test(arguments: [
        ("busybox", "busybox", "latest"), ("pier-test/busybox:1.36", "pier-test/busybox", "1.36"),
        ("docker.io/library/redis:7", "redis", "7"), ("localhost:5000/app", "localhost:5000/app", "latest"),
        ("nginx@sha256:abcd", "nginx", ""), ("sha256:4b3e4e691e81", "", ""),
    ])
    func imageReferencesReadAsTheDockerCLIShowsThem(reference: String, name: String, tag: String) {
        let parsed = ImageReference.familiarNameAndTag(reference)
        #expect(parsed.name == name && parsed.tag == tag)
    }
}
