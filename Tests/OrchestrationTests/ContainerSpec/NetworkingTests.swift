import DockerEngine
import Testing

@testable import Orchestration

/// Networks as Docker Compose 2.40.3 joins them: ordered by priority then key; on API 1.41 the first in the
/// create body and the others through `NetworkConnect` after create.
@Suite struct NetworkingTests {
    static let yaml = """
        services:
          app:
            image: x
            container_name: my-app
            mac_address: 02:42:ac:1e:05:0a
            links: [db, "db:database"]
            networks:
              zeta:
                aliases: [z1, z2]
                ipv4_address: 172.30.5.10
                link_local_ips: [169.254.10.10]
                driver_opts: {foo: bar}
                priority: 10
              back: {priority: 100}
              alpha:
              front: {priority: 10}
          db: {image: x, networks: [back]}
        networks:
          zeta: {ipam: {config: [{subnet: 172.30.5.0/24}]}}
          back: {name: custom-back}
          alpha: {}
          front: {}
        """

    static let links = [
        "proj-db-1:db", "proj-db-1:db-1", "proj-db-1:proj-db-1", "proj-db-1:database", "proj-db-1:db-1",
        "proj-db-1:proj-db-1",
    ]

    @Test func oldEnginesGetTheFirstNetworkInTheBodyAndTheRestAfter() throws {
        let request = try ServiceFixture.request(Self.yaml, service: "app")
        #expect(request[host: "NetworkMode"] == "custom-back")
        #expect(request[host: "Links"] == .strings(Self.links))
        // The top-level field carries the address on API 1.41.
        #expect(request[config: "MacAddress"] == "02:42:ac:1e:05:0a")
        let primary = try json(#"{"Aliases": ["my-app", "app"], "IPAMConfig": {}}"#)
        #expect(
            request[config: "NetworkingConfig"]?["EndpointsConfig"]?["custom-back"]
                == primary.merging(["Links": .strings(Self.links)]))
        #expect(request.networkConnections.map(\.network) == ["proj_front", "proj_zeta", "proj_alpha"])
        let zeta = try json(
            #"{"Aliases": ["my-app", "app", "z1", "z2"], "DriverOpts": {"foo": "bar"},"#
                + #" "IPAMConfig": {"IPv4Address": "172.30.5.10", "LinkLocalIPs": ["169.254.10.10"]}}"#)
        #expect(request.networkConnections[1].endpointConfig == zeta.merging(["Links": .strings(Self.links)]))
        // A network written without settings has no IPAMConfig at all.
        #expect(request.networkConnections[2].endpointConfig["IPAMConfig"] == nil)
        #expect(
            request.networkConnections[0].body(containerID: "c1")
                == .object(["Container": "c1", "EndpointConfig": request.networkConnections[0].endpointConfig]))
    }

    @Test func newEnginesGetEveryNetworkInTheBody() throws {
        let request = try ServiceFixture.request(Self.yaml, service: "app", api: (1, 44))
        let endpoints = try #require(request[config: "NetworkingConfig"]?["EndpointsConfig"]?.objectValue)
        #expect(Set(endpoints.keys) == ["custom-back", "proj_front", "proj_zeta", "proj_alpha"])
        #expect(request.networkConnections.isEmpty)
        #expect(request[config: "MacAddress"] == nil)
        #expect(endpoints["custom-back"]?["MacAddress"] == "02:42:ac:1e:05:0a")
    }

    @Test func networksWithTheSamePriorityGoByKeyNotByName() throws {
        let request = try ServiceFixture.request(
            "services:\n  s:\n    image: x\n    networks: [bbb, aaa]\n"
                + "networks:\n  aaa: {name: zzz-net}\n  bbb: {name: aaa-net}\n")
        #expect(request[host: "NetworkMode"] == "zzz-net")
        #expect(request.networkConnections.map(\.network) == ["aaa-net"])
    }

    @Test func defaultNetwork() throws {
        let request = try ServiceFixture.request("services:\n  web:\n    image: x\n")
        #expect(request[host: "NetworkMode"] == "proj_default")
        #expect(
            request[config: "NetworkingConfig"]
                == (try json(#"{"EndpointsConfig": {"proj_default": {"Aliases": ["proj-web-1", "web"]}}}"#)))
    }

    @Test(arguments: [
        ("network_mode: host", "host"), ("network_mode: none", "none"), ("network_mode: bridge", "bridge"),
        ("network_mode: \"container:cspec-db\"", "container:cspec-db"),
        ("network_mode: \"service:db\"", "container:id-db"),
    ])
    func networkModes(_ attributes: String, _ mode: String) throws {
        let request = try ServiceFixture.request(BodyCase(attributes: attributes, services: "  db: {image: x}\n").yaml)
        #expect(request[host: "NetworkMode"] == .string(mode))
        #expect(request[config: "NetworkingConfig"] == nil)
    }

    @Test func namespacesOfAnotherService() throws {
        let request = try ServiceFixture.request(
            BodyCase(attributes: "ipc: \"service:db\"\npid: \"service:db\"", services: "  db: {image: x}\n").yaml)
        #expect(request[host: "IpcMode"] == "container:id-db")
        #expect(request[host: "PidMode"] == "container:id-db")
    }

    @Test func externalLinksKeepTheirAliasOrUseTheName() throws {
        let request = try ServiceFixture.request(
            BodyCase(attributes: "external_links: [\"cspec-db:extdb\", cspec-db]").yaml)
        #expect(request[host: "Links"] == .strings(["cspec-db:extdb", "cspec-db:cspec-db"]))
    }

    @Test func aNetworkAddressDifferentFromTheServiceAddressIsAConflict() throws {
        let error = #expect(throws: OrchestrationError.self) {
            try ServiceFixture.request(
                "services:\n  s:\n    image: x\n    mac_address: 02:42:ac:11:00:55\n"
                    + "    networks: {n: {mac_address: 02:42:ac:11:00:66}}\nnetworks:\n  n: {}\n")
        }
        #expect(
            error?.message == "service \"s\": the service-level mac_address should have the same value as network n")
        #expect(error?.code == .conflict)
        #expect(error?.location?.line == 4)
    }

    /// As in Compose, only the first network's address must agree with the service's; the others have their own.
    @Test func otherNetworksKeepTheirOwnAddress() throws {
        let request = try ServiceFixture.request(
            "services:\n  s:\n    image: x\n    mac_address: 02:42:ac:11:00:55\n"
                + "    networks: {a: {}, b: {mac_address: 02:42:ac:11:00:66}}\nnetworks:\n  a: {}\n  b: {}\n",
            api: (1, 44))
        let endpoints = request[config: "NetworkingConfig"]?["EndpointsConfig"]
        #expect(endpoints?["proj_a"]?["MacAddress"] == "02:42:ac:11:00:55")
        #expect(endpoints?["proj_b"]?["MacAddress"] == "02:42:ac:11:00:66")
        #expect(request[config: "MacAddress"] == nil)
    }

    @Test func theFirstNetworksAddressMovesToTheTopLevelOnOldEngines() throws {
        let request = try ServiceFixture.request(
            "services:\n  s:\n    image: x\n    networks: {n: {mac_address: 02:42:ac:11:00:66}}\nnetworks:\n  n: {}\n")
        #expect(request[config: "MacAddress"] == "02:42:ac:11:00:66")
        #expect(request[config: "NetworkingConfig"]?["EndpointsConfig"]?["proj_n"]?["MacAddress"] == nil)
    }

    @Test func interfaceNameNeedsAPI149() throws {
        let yaml = "services:\n  s:\n    image: x\n    networks: {n: {interface_name: eth9}}\nnetworks:\n  n: {}\n"
        #expect(throws: OrchestrationError.self) { try ServiceFixture.request(yaml) }
        let request = try ServiceFixture.request(yaml, api: (1, 49))
        #expect(
            request[config: "NetworkingConfig"]?["EndpointsConfig"]?["proj_n"]?["DriverOpts"]
                == .stringMap(["com.docker.network.endpoint.ifname": "eth9"]))
    }

    @Test func aReferenceToAServiceWithoutContainerFails() throws {
        let error = #expect(throws: OrchestrationError.self) {
            try ServiceFixture.request(
                BodyCase(attributes: "network_mode: \"service:db\"", services: "  db: {image: x}\n").yaml,
                options: ContainerCreateOptions())
        }
        #expect(error?.code == .missingContainer)
    }
}

extension JSONValue {
    /// This object with `members` added.
    func merging(_ members: [String: JSONValue]) -> JSONValue {
        .object((objectValue ?? [:]).merging(members) { _, new in new })
    }
}
