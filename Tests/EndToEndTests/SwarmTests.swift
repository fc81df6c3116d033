import Digest
import DockerEngine
import Foundation
import PierTestSupport
import Testing

/// `pier stack` on a real three-node Swarm (`scripts/swarm-start.sh`): one manager (pier.node=1) and two workers.
/// The kernel has no IPVS: services use `endpoint_mode: dnsrr`. One test at a time: one stops a node.
@Suite(.serialized, .requiresSwarm, .requiresImage("pier-test/busybox:latest", remedy: "run scripts/engine-start.sh"))
struct SwarmTests {
    /// `web` serves its secret and config from the two workers, one replica each; `probe`, on the manager, waits for
    /// web to be healthy, then reads both over the overlay network and completes.
    static let stack = """
        services:
          web:
            image: pier-test/busybox:latest
            command: [sh, -c, "mkdir -p /www && cat /run/secrets/token > /www/token && cat /etc/settings.txt > /www/settings && httpd -f -p 8080 -h /www"]
            secrets: [token]
            configs: [{source: settings, target: /etc/settings.txt}]
            healthcheck: {test: [CMD, wget, -q, -O, /dev/null, "http://127.0.0.1:8080/token"], interval: 1s, retries: 30}
            mem_limit: 64m
            restart: always
            stop_grace_period: 1s
            deploy:
              replicas: 2
              endpoint_mode: dnsrr
              placement: {constraints: ["node.labels.pier.node!=1"], max_replicas_per_node: 1}
          probe:
            image: pier-test/busybox:latest
            command: [sh, -c, "wget -q -O - http://web:8080/token | grep -qx '${TOKEN}' && wget -q -O - http://web:8080/settings | grep -qx v1"]
            restart: "no"
            stop_grace_period: 1s
            depends_on: {web: {condition: service_healthy}}
            deploy: {placement: {constraints: ["node.labels.pier.node==1"]}}
        secrets:
          token: {file: ./token.txt}
        configs:
          settings: {file: ./settings.txt}
        """

    @Test func deploysAcrossNodesInDependencyOrder() async throws {
        try await SwarmStack.with(
            Self.stack, files: ["token.txt": "s3cret\n", "settings.txt": "v1\n", ".env": "TOKEN=s3cret\n"]
        ) {
            project in
            let deploy = try await project.pier("stack", "deploy", "--wait", "--wait-timeout", "120")
            try #require(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
            let lines = deploy.stdout.split(separator: "\n").map(String.init)
            // probe is created only once web is healthy.
            let waited = try #require(
                lines.firstIndex { $0.hasPrefix("Waiting for \(project.name)_web to be healthy") })
            let created = try #require(lines.firstIndex { $0 == "Creating service \(project.name)_probe" })
            #expect(waited < created)
            #expect(lines.contains("Creating secret \(project.name)_token-" + Self.hash("s3cret\n")))

            let tasks = try await SwarmStack.tasks(project)
            let web = tasks.filter { $0[0].hasPrefix("\(project.name)_web.") && $0[2] == "Running" }
            // One replica on each worker: spread, and the constraint keeps them off the manager.
            #expect(Set(web.map { $0[1] }) == ["pier-swarm-2", "pier-swarm-3"])
            let probe = tasks.filter { $0[0].hasPrefix("\(project.name)_probe.") }
            // The probe ran on the manager and read both files from the workers over the overlay network.
            #expect(probe.first?[1] == "pier-swarm-1")
            #expect(probe.first?[3].hasPrefix("Complete") == true, "\(probe)")

            let services = try await project.pier("stack", "services", project.name)
            #expect(services.stdout.contains("\(project.name)_web"))
            #expect(services.stdout.contains("2/2"))
            let listed = try await project.pier("stack", "ls")
            #expect(listed.stdout.split(separator: "\n").contains { $0.hasPrefix(project.name + " ") })

            // Again, unchanged: nothing is created or updated.
            let again = try await project.pier("stack", "deploy")
            #expect(again.status == 0)
            #expect(again.stdout.contains("Service \(project.name)_web is unchanged"))
            #expect(!again.stdout.contains("Creating") && !again.stdout.contains("Updating"), "\(again.stdout)")
        }
    }

    @Test func aChangedSecretIsRolledOut() async throws {
        try await SwarmStack.with(
            Self.stack, files: ["token.txt": "s3cret\n", "settings.txt": "v1\n", ".env": "TOKEN=s3cret\n"]
        ) {
            project in
            try #require(try await project.pier("stack", "deploy", "--wait").status == 0)
            try "n3w\n".write(
                to: project.directory.appendingPathComponent("token.txt"), atomically: true, encoding: .utf8)
            try "TOKEN=n3w\n".write(
                to: project.directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
            let deploy = try await project.pier("stack", "deploy", "--wait", "--wait-timeout", "120")
            try #require(deploy.status == 0, "\(deploy.stdout)\(deploy.stderr)")
            let newName = "\(project.name)_token-" + Self.hash("n3w\n")
            #expect(deploy.stdout.contains("Creating secret \(newName)"))
            #expect(deploy.stdout.contains("Updating service \(project.name)_web"))
            // The earlier version is removed once no service uses it.
            #expect(deploy.stdout.contains("Removing secret \(project.name)_token-" + Self.hash("s3cret\n")))
            // The probe, updated to expect the new token, read it from web's new tasks.
            let probe = try await SwarmStack.tasks(project).filter { $0[0].hasPrefix("\(project.name)_probe.") }
            #expect(probe.first?[3].hasPrefix("Complete") == true, "\(probe)")
            let secrets = try await SwarmStack.manager.listSwarmObjects(
                .secrets, filters: ["label": ["com.docker.stack.namespace=\(project.name)"]])
            #expect(secrets.map(\.name) == [newName])
        }
    }

    @Test func removingTheStackLeavesNothing() async throws {
        try await SwarmStack.with(
            Self.stack, files: ["token.txt": "s3cret\n", "settings.txt": "v1\n", ".env": "TOKEN=s3cret\n"]
        ) {
            project in
            try #require(try await project.pier("stack", "deploy").status == 0)
            let removed = try await project.pier("stack", "rm", project.name)
            #expect(removed.status == 0, "\(removed.stderr)")
            #expect(removed.stdout.contains("Removing service \(project.name)_web"))
            #expect(removed.stdout.contains("Removing network \(project.name)_default"))
            let listed = try await project.pier("stack", "ls")
            #expect(!listed.stdout.contains(project.name))
            let tasks = try await project.pier("stack", "ps", project.name)
            #expect(tasks.status == 1 && tasks.stderr.contains("nothing found in stack"))
            let manager = try SwarmStack.manager
            let filter: EngineFilters = ["label": ["com.docker.stack.namespace=\(project.name)"]]
            #expect(try await manager.listSwarmObjects(.services, filters: filter).isEmpty)
            #expect(try await manager.listSwarmObjects(.secrets, filters: filter).isEmpty)
            #expect(try await manager.listSwarmObjects(.configs, filters: filter).isEmpty)
            #expect(try await manager.listNetworks(filters: filter).isEmpty)
        }
    }

    @Test func keysSwarmCannotExpressAreRefusedBeforeAnything() async throws {
        let compose = """
            services:
              app:
                image: pier-test/busybox:latest
                command: [sleep, "600"]
                privileged: true
                network_mode: "service:other"
              other:
                image: pier-test/busybox:latest
                command: [sleep, "600"]
            """
        try await SwarmStack.with(compose) { project in
            let refused = try await project.pier("stack", "deploy")
            #expect(refused.status == 1)
            #expect(
                refused.stderr.contains("compose.yaml:5:5: services.app.privileged: Swarm services have no privileged"))
            #expect(refused.stderr.contains("compose.yaml:6:5: services.app.network_mode"))
            #expect(!(try await project.pier("stack", "ls")).stdout.contains(project.name))
            let accepted = try await project.pier("stack", "deploy", "--accept-losses")
            #expect(accepted.status == 0, "\(accepted.stderr)")
            #expect(accepted.stderr.contains("services.app.privileged"))
            #expect(accepted.stdout.contains("Creating service \(project.name)_app"))
        }
    }

    static func hash(_ text: String) -> String {
        String(SHA256.hex(of: text).prefix(10))
    }
}
