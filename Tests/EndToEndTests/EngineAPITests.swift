import DockerEngine
import Foundation
import PierTestSupport
import Testing

/// What Pier does differently from API 1.44 on, as the containers see it: every network in the create call, each
/// with its own MAC address and driver options, `healthcheck.start_interval`, and (1.45) volume `subpath`. On an
/// older engine each of these is refused before anything is made, naming the line, the column and the version it
/// needs (docs/engine-versions.md). CI runs this suite on Engine 20.10 (API 1.41) and 26.1 (API 1.45).
@Suite(.requiresEngine)
struct EngineAPITests {
    /// Two /24 networks no other test uses: outside Docker's default pools, at random.
    static func subnets() -> (String, String) {
        let prefix = "10.\(Int.random(in: 200...254)).\(Int.random(in: 0...127) * 2)"
        let last = prefix.split(separator: ".").last.flatMap { Int($0) } ?? 0
        return (prefix, prefix.split(separator: ".").dropLast().joined(separator: ".") + ".\(last + 1)")
    }

    static func compose(networks: String, extra: String = "") -> (String, front: String, back: String) {
        let (front, back) = subnets()
        let yaml = """
            services:
              s:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                networks:
            \(networks.replacingOccurrences(of: "FRONT", with: front).replacingOccurrences(of: "BACK", with: back))
              t:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                networks: [front, back]
            \(extra)networks:
              front: {ipam: {config: [{subnet: \(front).0/24}]}}
              back: {ipam: {config: [{subnet: \(back).0/24}]}}
            """
        return (yaml, front, back)
    }

    /// On every engine: the container joins both networks, with the addresses and aliases of each (in the create
    /// call from API 1.44, through `NetworkConnect` after it before), and the first network's MAC address.
    @Test func aContainerJoinsEveryNetworkWithItsAddressesAndAliases() async throws {
        let (yaml, front, back) = Self.compose(
            networks: """
                      front: {priority: 10, ipv4_address: FRONT.10, mac_address: "02:42:0a:c8:00:0a", aliases: [s-front]}
                      back: {ipv4_address: BACK.10, aliases: [s-back]}
                """)
        try await ScratchProject.with(yaml) { project in
            let up = try await project.pier("up", "-d")
            try #require(up.status == 0, "\(up.stderr)")
            let addresses = try await project.pier("exec", "-T", "s", "ip", "-o", "addr").stdout
            #expect(
                addresses.contains("inet \(front).10/24") && addresses.contains("inet \(back).10/24"), "\(addresses)")
            #expect(try await project.pier("exec", "-T", "s", "ip", "-o", "link").stdout.contains("02:42:0a:c8:00:0a"))
            for (alias, address) in [("s-front", "\(front).10"), ("s-back", "\(back).10")] {
                let lookup = try await project.pier("exec", "-T", "t", "nslookup", alias)
                #expect(lookup.stdout.contains(address), "\(alias): \(lookup.stdout)\(lookup.stderr)")
            }
        }
    }

    /// A MAC address on each network, and endpoint driver options: API 1.44 takes them in the create call.
    @Test func eachNetworkHasItsOwnMACAddress() async throws {
        let (yaml, _, _) = Self.compose(
            networks: """
                      front: {mac_address: "02:42:0a:c8:00:0b"}
                      back: {mac_address: "02:42:0a:c8:00:0c", driver_opts: {com.example.endpoint: "on"}}
                """)
        try await ScratchProject.with(yaml) { project in
            let up = try await project.pier("up", "-d")
            guard try await TestSupport.engineSpeaks(APIVersion(1, 44)) else {
                try await expectTooOld(
                    up, project, "7:15", "networks.front.mac_address needs Docker Engine 25.0 (API 1.44)")
                return
            }
            try #require(up.status == 0, "\(up.stderr)")
            let links = try await project.pier("exec", "-T", "s", "ip", "-o", "link").stdout
            #expect(links.contains("02:42:0a:c8:00:0b") && links.contains("02:42:0a:c8:00:0c"), "\(links)")
            // The bridge driver has no endpoint option of its own on Engine 26: the engine keeps what it was given.
            let options = try await project.docker(
                "inspect", "\(project.name)-s-1", "--format",
                "{{json (index .NetworkSettings.Networks \"\(project.name)_back\").DriverOpts}}")
            #expect(options.stdout.contains(#""com.example.endpoint":"on""#), "\(options.stdout)")
        }
    }

    /// A one-hour interval with a one-second `start_interval`: only the latter makes the container healthy soon.
    @Test func healthcheckStartInterval() async throws {
        let yaml = """
            services:
              s:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                healthcheck:
                  test: [CMD, "true"]
                  interval: 1h
                  start_period: 1m
                  start_interval: 1s
            """
        try await ScratchProject.with(yaml) { project in
            let up = try await project.pier("up", "-d", "--wait", "--wait-timeout", "60")
            guard try await TestSupport.engineSpeaks(APIVersion(1, 44)) else {
                try await expectTooOld(
                    up, project, "10:7", "healthcheck.start_interval needs Docker Engine 25.0 (API 1.44)")
                return
            }
            #expect(up.status == 0, "\(up.stderr)")
            #expect(try await project.pier("ps", "--format", "{{.Status}}").stdout.contains("(healthy)"))
        }
    }

    /// `subpath` mounts one folder of a volume, which a one-off filled first.
    @Test func volumeSubpath() async throws {
        let yaml = """
            services:
              reader:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                volumes:
                  - {type: volume, source: data, target: /data, volume: {subpath: sub}}
              filler:
                image: pier-test/busybox
                command: sh -c "mkdir -p /v/sub && echo inside > /v/sub/file && echo outside > /v/top"
                volumes: [data:/v]
                profiles: [fill]
            volumes:
              data: {}
            """
        try await ScratchProject.with(yaml) { project in
            let fill = try await project.pier("run", "--rm", "filler")
            try #require(fill.status == 0, "\(fill.stderr)")
            let up = try await project.pier("up", "-d")
            guard try await TestSupport.engineSpeaks(APIVersion(1, 45)) else {
                try await expectTooOld(
                    up, project, "7:62", "volumes[0].volume.subpath needs Docker Engine 26.0 (API 1.45)",
                    networksMadeBefore: true)
                return
            }
            try #require(up.status == 0, "\(up.stderr)")
            #expect(try await project.pier("exec", "-T", "reader", "ls", "/data").stdout == "file\n")
            #expect(try await project.pier("exec", "-T", "reader", "cat", "/data/file").stdout == "inside\n")
        }
    }

    /// Beyond what either tested engine speaks: refused on both, with the version it needs.
    @Test func gatewayPriorityNeedsEngine28() async throws {
        let (yaml, _, _) = Self.compose(networks: "      front: {gw_priority: 5}\n      back: {}")
        try await ScratchProject.with(yaml) { project in
            try await expectTooOld(
                try await project.pier("up", "-d"), project, "7:15",
                "networks.front.gw_priority needs Docker Engine 28.0 (API 1.48)")
        }
    }

    /// `pier check` reports every use the engine's API lacks, in services and in the networks the project creates,
    /// each at its line, as `up` refuses them; on an engine that has them, none.
    @Test func checkReportsEveryAttributeTheEngineLacks() async throws {
        let yaml = """
            services:
              s:
                image: pier-test/busybox
                annotations: {a: b}
                healthcheck:
                  test: [CMD, "true"]
                  start_period: 5s
                  start_interval: 1s
            networks:
              default:
                enable_ipv4: false
            """
        try await ScratchProject.with(yaml) { project in
            let version = try await TestSupport.engineAPIVersion()
            let expected = [(APIVersion(1, 43), 4), (APIVersion(1, 44), 8), (APIVersion(1, 47), 11)]
                .filter { version < $0.0 }.map { "engine-too-old@\($0.1)" }
            let result = try await CheckTests.check(project)
            #expect(result.rules == expected, "\(result.output)")
            #expect(result.status == 1)
        }
    }

    /// The command failed with `compose.yaml:LINE:COLUMN: service "…": MESSAGE; this engine speaks API …`, and
    /// made nothing (no container, and no network unless an earlier command made them).
    private func expectTooOld(
        _ result: TestSupport.Result, _ project: ScratchProject, _ position: String, _ message: String,
        networksMadeBefore: Bool = false
    ) async throws {
        #expect(result.status == 1)
        let version = try await TestSupport.engineAPIVersion()
        let file = project.directory.appendingPathComponent("compose.yaml").path
        #expect(
            result.stderr.contains("\(file):\(position): service \"") && result.stderr.contains(message)
                && result.stderr.contains("; this engine speaks API \(version)"),
            "\(result.stderr)")
        #expect(try await project.pier("ps", "-a", "-q").stdout.isEmpty)
        guard !networksMadeBefore else { return }
        let label = "label=com.docker.compose.project=\(project.name)"
        #expect(try await project.docker("network", "ls", "-q", "--filter", label).stdout.isEmpty)
    }
}
