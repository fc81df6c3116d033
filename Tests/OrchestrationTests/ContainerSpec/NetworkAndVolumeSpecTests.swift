import ComposeSpec
import DockerEngine
import Testing

@testable import Orchestration

/// `POST /networks/create` and `POST /volumes/create` bodies as Docker Compose 2.40.3 sends them.
@Suite struct NetworkAndVolumeSpecTests {
    static let yaml = """
        services:
          s: {image: x, networks: [zeta, back, default, outside], volumes: ["vol:/v", "plain:/p"]}
        networks:
          zeta:
            driver: bridge
            driver_opts: {com.docker.network.bridge.name: br-zeta}
            ipam:
              driver: default
              config:
                - {subnet: 172.30.5.0/24, gateway: 172.30.5.1, ip_range: 172.30.5.0/25, aux_addresses: {host1: 172.30.5.200}}
            labels: {net.label: "1"}
            internal: true
            attachable: true
            enable_ipv6: false
          back: {name: custom-back}
          outside: {external: true}
        volumes:
          vol:
            driver: local
            driver_opts: {type: tmpfs, device: tmpfs, o: "size=1m"}
            labels: {vol.label: "yes"}
          plain:
        """

    @Test func configuredNetwork() throws {
        let project = try ServiceFixture.project(Self.yaml)
        let body = try NetworkSpec.createBody(project: project, key: "zeta", apiVersion: APIVersion(1, 41))
        let definition = try #require(project.definition("networks", "zeta"))
        let expected = try json(
            #"{"Name": "proj_zeta", "Driver": "bridge", "Options": {"com.docker.network.bridge.name": "br-zeta"},"#
                + #" "Internal": true, "Attachable": true, "EnableIPv6": false, "CheckDuplicate": true,"#
                + #" "IPAM": {"Driver": "default", "Options": null, "Config": [{"Subnet": "172.30.5.0/24","#
                + #" "IPRange": "172.30.5.0/25", "Gateway": "172.30.5.1", "AuxiliaryAddresses": {"host1": "172.30.5.200"}}]},"#
                + #" "Labels": {"net.label": "1", "com.docker.compose.network": "zeta", "com.docker.compose.project": "proj","#
                + #" "com.docker.compose.version": "2.40.3", "com.docker.compose.config-hash": ""#
                + ServiceHash.network(definition) + #""}}"#)
        #expect(body == expected)
    }

    @Test func namedAndDefaultNetworks() throws {
        let project = try ServiceFixture.project(Self.yaml)
        let back = try NetworkSpec.createBody(project: project, key: "back", apiVersion: APIVersion(1, 44))
        #expect(back["Name"] == "custom-back")
        #expect(back["Labels"]?["com.docker.compose.network"] == "back")
        #expect(back["CheckDuplicate"] == nil)
        #expect(back["IPAM"] == nil)
        let fallback = try NetworkSpec.createBody(project: project, key: "default", apiVersion: APIVersion(1, 41))
        #expect(fallback["Name"] == "proj_default")
        #expect(fallback["Driver"] == nil)
    }

    @Test func externalNetworksAreNotCreated() throws {
        let project = try ServiceFixture.project(Self.yaml)
        let error = #expect(throws: OrchestrationError.self) {
            try NetworkSpec.createBody(project: project, key: "outside", apiVersion: APIVersion(1, 41))
        }
        #expect(error?.code == .unsupported)
    }

    @Test func volumes() throws {
        let project = try ServiceFixture.project(Self.yaml)
        let definition = try #require(project.definition("volumes", "vol"))
        #expect(
            try VolumeSpec.createBody(project: project, key: "vol")
                == (try json(
                    #"{"Name": "proj_vol", "Driver": "local", "DriverOpts": {"device": "tmpfs", "o": "size=1m", "type": "tmpfs"},"#
                        + #" "Labels": {"vol.label": "yes", "com.docker.compose.volume": "vol", "com.docker.compose.project": "proj","#
                        + #" "com.docker.compose.version": "2.40.3", "com.docker.compose.config-hash": ""#
                        + ServiceHash.volume(definition) + #""}}"#)))
        let plain = try VolumeSpec.createBody(project: project, key: "plain")
        #expect(plain["Name"] == "proj_plain")
        #expect(plain["Driver"] == nil)
    }
}
