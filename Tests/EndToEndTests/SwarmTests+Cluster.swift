import DockerEngine
import Foundation
import PierTestSupport
import Testing

/// Updates, node loss and the Docker CLI on Pier's stacks.
extension SwarmTests {
    static let rolling = """
        services:
          app:
            image: pier-test/busybox:latest
            command: [sh, -c, "echo $$VERSION > /tmp/version && exec sleep 3600"]
            environment: {VERSION: "${VERSION}"}
            healthcheck: {test: [CMD, test, -f, /tmp/version], interval: 1s, retries: 30}
            stop_grace_period: 1s
            deploy:
              replicas: 2
              endpoint_mode: dnsrr
              update_config: {parallelism: 1, order: start-first}
              placement: {constraints: ["node.labels.pier.node!=1"]}
        """

    @Test func aRollingUpdateStartsEachNewTaskBeforeStoppingTheOld() async throws {
        try await SwarmStack.with(Self.rolling, files: [".env": "VERSION=1\n"]) { project in
            try #require(try await project.pier("stack", "deploy", "--wait").status == 0)
            try "VERSION=2\n".write(
                to: project.directory.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
            let update = try await project.pier("stack", "deploy", "--wait", "--wait-timeout", "120")
            try #require(update.status == 0, "\(update.stdout)\(update.stderr)")
            #expect(update.stdout.contains("Updating service \(project.name)_app"))
            #expect(update.stdout.contains("\(project.name)_app: converged"))
            let tasks = try await SwarmStack.tasks(project)
            #expect(tasks.filter { $0[2] == "Running" && $0[3].hasPrefix("Running") }.count == 2, "\(tasks)")
            #expect(tasks.filter { $0[2] == "Shutdown" }.count == 2, "\(tasks)")
            // start-first: in each slot, the new task ran before the old one was shut down.
            let all = try await SwarmStack.manager.listTasks(filters: [
                "label": ["com.docker.stack.namespace=\(project.name)"]
            ])
            for slot in Set(all.compactMap(\.slot)) {
                let inSlot = all.filter { $0.slot == slot }
                let old = try #require(inSlot.first { $0.desiredState == "shutdown" })
                let new = try #require(inSlot.first { $0.desiredState == "running" })
                let started = try #require(new.raw["Status"]?["Timestamp"]?.stringValue)
                let stopped = try #require(old.raw["Status"]?["Timestamp"]?.stringValue)
                #expect(started <= stopped, "slot \(slot): new task \(started), old one stopped \(stopped)")
            }
        }
    }

    @Test func aLostWorkersTasksAreRescheduled() async throws {
        let compose = """
            services:
              app:
                image: pier-test/busybox:latest
                command: [sleep, "3600"]
                deploy:
                  replicas: 2
                  endpoint_mode: dnsrr
                  placement: {constraints: ["node.labels.pier.node!=1"]}
            """
        try await SwarmStack.with(compose) { project in
            // Whatever happens, node 3 is back for the next tests.
            await project.onCleanUp {
                _ = try? await TestSupport.run(
                    TestSupport.repositoryRoot.appendingPathComponent("scripts/swarm-start.sh"), [],
                    in: TestSupport.repositoryRoot, environment: TestSupport.baseEnvironment)
            }
            try #require(try await project.pier("stack", "deploy", "--wait").status == 0)
            let before = try await SwarmStack.tasks(project).filter { $0[2] == "Running" }
            try #require(Set(before.map { $0[1] }) == ["pier-swarm-2", "pier-swarm-3"], "\(before)")
            // The worker's engine stops: a node failure.
            let pid = try String(contentsOfFile: "/run/pier-swarm-3/docker.pid", encoding: .utf8)
            try #require(kill(pid_t(pid.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, SIGKILL) == 0)
            try await SwarmStack.eventually(120, "both replicas running on pier-swarm-2") {
                let running = try await SwarmStack.tasks(project).filter {
                    $0[2] == "Running" && $0[3].hasPrefix("Running")
                }
                return running.count == 2 && running.allSatisfy { $0[1] == "pier-swarm-2" }
            }
        }
    }

    @Test func theDockerCLISeesPiersStacksAndPierSeesTheirs() async throws {
        let compose = """
            services:
              app:
                image: pier-test/busybox:latest
                command: [sleep, "3600"]
                mem_limit: 32m
                restart: on-failure:3
                depends_on: {helper: {condition: service_started}}
                deploy: {endpoint_mode: dnsrr}
              helper:
                image: pier-test/busybox:latest
                command: [sleep, "3600"]
                deploy: {endpoint_mode: dnsrr}
            """
        try await SwarmStack.with(compose) { project in
            try #require(try await project.pier("stack", "deploy", "--wait").status == 0)
            let docker = { (arguments: [String]) in
                try await TestSupport.run(
                    SwarmCluster.dockerCLI, arguments, in: project.directory, environment: SwarmCluster.environment)
            }
            let stacks = try await docker(["stack", "ls"])
            #expect(stacks.stdout.contains(project.name), "\(stacks.stdout)\(stacks.stderr)")
            let services = try await docker(["stack", "services", "--format", "{{.Name}} {{.Replicas}}", project.name])
            #expect(
                services.stdout.split(separator: "\n").sorted() == [
                    "\(project.name)_app 1/1", "\(project.name)_helper 1/1",
                ])
            let tasks = try await docker(["stack", "ps", "--format", "{{.Name}} {{.CurrentState}}", project.name])
            #expect(tasks.stdout.contains("\(project.name)_app.1 Running"), "\(tasks.stdout)")
            let removed = try await docker(["stack", "rm", project.name])
            #expect(removed.status == 0, "\(removed.stderr)")
            try await SwarmStack.eventually(60, "the stack is gone for pier, its network too") {
                let gone = !(try await project.pier("stack", "ls")).stdout.contains(project.name)
                let networks = try await SwarmStack.manager.listNetworks(
                    filters: ["label": ["com.docker.stack.namespace=\(project.name)"]])
                return gone && networks.isEmpty
            }

            // And back: `pier convert swarm` writes a file the Docker CLI deploys; pier sees that stack.
            let converted = try await project.pier("convert", "swarm", "-o", "stack.yaml")
            try #require(converted.status == 0, "\(converted.stderr)")
            let deployed = try await docker(["stack", "deploy", "-c", "stack.yaml", project.name])
            #expect(deployed.status == 0, "\(deployed.stdout)\(deployed.stderr)")
            let seen = try await project.pier("stack", "services", project.name)
            #expect(seen.stdout.contains("\(project.name)_app"), "\(seen.stdout)\(seen.stderr)")
            // The translated keys reached the service: memory limit and restart policy.
            let app = try await SwarmStack.manager.inspectSwarmObject(.services, "\(project.name)_app")
            #expect(app.spec["TaskTemplate"]?["Resources"]?["Limits"]?["MemoryBytes"] == .integer(32 * 1024 * 1024))
            #expect(app.spec["TaskTemplate"]?["RestartPolicy"]?["Condition"] == .string("on-failure"))
            #expect(app.spec["TaskTemplate"]?["RestartPolicy"]?["MaxAttempts"] == .integer(3))
        }
    }
}
