import ComposeSpec
import Foundation
import ScaleOut
import Testing

/// The Swarm translation: what is translated, what is carried, what is lost and where.
@Suite struct SwarmTranslationTests {
    static let compose = """
        services:
          web:
            image: web:1
            mem_limit: 64m
            cpus: 0.5
            restart: on-failure:3
            scale: 2
            shm_size: 32m
            platform: linux/amd64
            extra_hosts: ["db.local:10.0.0.5"]
            configs: [{source: settings, mode: 0440}]
            depends_on: {db: {condition: service_healthy}}
            privileged: true
            cgroup_parent: pier
            ports: [{target: 80, published: "8080", host_ip: 127.0.0.1}]
          db:
            image: postgres
            network_mode: host
        configs:
          settings: {content: "a=1"}
        networks:
          default: {driver: bridge}
        """

    @Test func translatesWhatSwarmExpressesOtherwise() throws {
        let translation = SwarmTranslation(try ScaleOutFixtures.project(Self.compose, name: "shop"))
        let web = try #require(translation.document["services"]?["web"])
        #expect(web.at("deploy.resources.limits.memory")?.scalarText == "67108864")
        #expect(web.at("deploy.resources.limits.cpus")?.doubleValue == 0.5)
        #expect(web.at("deploy.restart_policy.condition")?.string == "on-failure")
        #expect(web.at("deploy.restart_policy.max_attempts")?.int64Value == 3)
        #expect(web.at("deploy.replicas")?.int64Value == 2)
        #expect(
            web.at("deploy.placement.constraints")?.texts == ["node.platform.os==linux", "node.platform.arch==x86_64"])
        #expect(web.at("volumes.0.target")?.string == "/dev/shm")
        #expect(web.at("volumes.0.tmpfs.size")?.int64Value == 33_554_432)
        #expect(web["depends_on"]?.texts == ["db"])
        #expect(web["extra_hosts"]?.texts == ["db.local:10.0.0.5"])
        #expect(web.at("configs.0.mode")?.int64Value == 0o440)
        #expect(web.at("ports.0.published")?.int64Value == 8080)
        #expect(translation.document["services"]?["db"]?["networks"]?.mapping?.keys.first == "host")
        #expect(translation.document.at("networks.host.external")?.value.isTrue == true)
        #expect(translation.document.at("networks.default.driver")?.string == "overlay")
        // The loader's `shop_default` is left out: the stack names it after itself.
        #expect(translation.document.at("networks.default.name") == nil)
        #expect(translation.startOrder.map(\.name) == ["db", "web"])
    }

    @Test func listsWhatSwarmCannotExpressWithWhereItWasWritten() throws {
        let translation = SwarmTranslation(try ScaleOutFixtures.project(Self.compose, name: "shop"))
        let losses = translation.losses.losses.map {
            "\($0.path)@\($0.location?.line ?? 0):\($0.location?.column ?? 0)"
        }
        #expect(losses.contains("services.web.privileged@13:5"))
        #expect(losses.contains("services.web.cgroup_parent@14:5"))
        #expect(losses.contains { $0.hasPrefix("services.web.ports[0].host_ip@") })
        #expect(!losses.contains { $0.contains("mem_limit") || $0.contains("restart") || $0.contains("depends_on") })
    }

    @Test func theStackFileNamesWhatOnlyPierStackDeployCarriesOut() throws {
        let project = try ScaleOutFixtures.project(Self.compose, name: "shop")
        let file = SwarmStackFile(SwarmTranslation(project), project: project)
        #expect(file.yaml.hasPrefix("version: \"3.9\"\n"))
        let paths = file.losses.losses.map(\.path)
        #expect(paths.contains("services.web.depends_on"))
        #expect(paths.contains("configs.settings.content"))
    }
}
