import ComposeSpec
import DockerEngine
import Foundation
import Testing

@testable import ScaleOut

/// The Engine API spec a translated service becomes: named and labelled as `docker stack deploy` does.
@Suite struct SwarmServiceSpecTests {
    static func spec(_ compose: String, service: String) throws -> JSONValue {
        let project = try ScaleOutFixtures.project(compose, name: "shop")
        let translation = SwarmTranslation(project)
        return SwarmServiceSpec(
            stack: "shop", name: service, service: try #require(translation.document["services"]?[service]),
            document: translation.document,
            files: [
                "secrets": ["token": ("s1", "shop_token-abc")], "configs": ["settings": ("c1", "shop_settings-def")],
            ]
        ).spec
    }

    @Test func namesLabelsAndNetworksAsDockerStackDeploy() throws {
        let spec = try Self.spec(
            """
            services:
              web:
                image: web:1
                labels: {team: shop}
                networks: {front: {aliases: [www]}}
                deploy: {labels: {tier: edge}, replicas: 3, endpoint_mode: dnsrr}
            networks:
              front: {}
            """, service: "web")
        #expect(spec["Name"] == "shop_web")
        #expect(spec["Labels"]?["com.docker.stack.namespace"] == "shop")
        #expect(spec["Labels"]?["com.docker.stack.image"] == "web:1")
        #expect(spec["Labels"]?["tier"] == "edge")
        #expect(spec["TaskTemplate"]?["ContainerSpec"]?["Labels"]?["team"] == "shop")
        #expect(spec["TaskTemplate"]?["ContainerSpec"]?["Labels"]?["com.docker.stack.namespace"] == "shop")
        #expect(spec["TaskTemplate"]?["Networks"] == [["Target": "shop_front", "Aliases": ["web", "www"]]])
        #expect(spec["Mode"] == ["Replicated": ["Replicas": 3]])
        #expect(spec["EndpointSpec"]?["Mode"] == "dnsrr")
    }

    @Test func translatedKeysReachTheSpec() throws {
        let spec = try Self.spec(
            """
            services:
              app:
                image: app:1
                command: [serve]
                entrypoint: [/init]
                environment: {MODE: prod}
                mem_limit: 64m
                cpus: 0.5
                restart: on-failure:2
                secrets: [token]
                configs: [{source: settings, target: /etc/app.ini, mode: 0400}]
                volumes: [data:/data, {type: tmpfs, target: /cache, tmpfs: {size: 1024}}]
                healthcheck: {test: [CMD, check], interval: 2s, retries: 4}
                ports: [{target: 80, published: "8080", mode: host}]
                extra_hosts: ["db=10.0.0.5"]
            volumes:
              data: {}
            secrets:
              token: {environment: PATH}
            configs:
              settings: {content: y}
            """, service: "app")
        let container = try #require(spec["TaskTemplate"]?["ContainerSpec"])
        #expect(container["Command"] == ["/init"])
        #expect(container["Args"] == ["serve"])
        #expect(container["Env"] == ["MODE=prod"])
        #expect(container["Hosts"] == ["10.0.0.5 db"])
        #expect(container["Healthcheck"]?["Interval"] == .integer(2_000_000_000))
        #expect(container["Secrets"]?.arrayValue?.first?["SecretName"] == "shop_token-abc")
        #expect(container["Secrets"]?.arrayValue?.first?["File"]?["Name"] == "token")
        #expect(container["Configs"]?.arrayValue?.first?["File"]?["Name"] == "/etc/app.ini")
        #expect(container["Configs"]?.arrayValue?.first?["File"]?["Mode"] == .integer(0o400))
        let mounts = container["Mounts"]?.arrayValue ?? []
        #expect(mounts.first?["Source"] == "shop_data")
        #expect(mounts.first?["VolumeOptions"]?["Labels"]?["com.docker.stack.namespace"] == "shop")
        #expect(mounts.last?["TmpfsOptions"]?["SizeBytes"] == .integer(1024))
        #expect(spec["TaskTemplate"]?["Resources"]?["Limits"]?["MemoryBytes"] == .integer(64 * 1024 * 1024))
        #expect(spec["TaskTemplate"]?["Resources"]?["Limits"]?["NanoCPUs"] == .integer(500_000_000))
        #expect(spec["TaskTemplate"]?["RestartPolicy"]?["Condition"] == "on-failure")
        #expect(spec["TaskTemplate"]?["RestartPolicy"]?["MaxAttempts"] == .integer(2))
        #expect(
            spec["EndpointSpec"]?["Ports"]
                == [["Protocol": "tcp", "TargetPort": 80, "PublishedPort": 8080, "PublishMode": "host"]])
    }
}
