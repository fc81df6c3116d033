import DockerEngine
import Foundation
import PierTestSupport
import Testing

/// `pier convert swarm` on the seeds and the demo: the Docker CLI's `docker stack deploy` accepts every file.
extension SwarmTests {
    static let stackFileCases: [(folder: String, arguments: [String])] = [
        ("examples/demo", []),
        ("Tests/Fixtures/seeds/000", ["-f", "podman-compose.yml"]),
        (
            "Tests/Fixtures/seeds/001",
            [
                "-f", "compose/docker-compose.dev.yml", "-f", "compose/docker-compose.prod.yml", "--env-file",
                "env/.env.dev",
            ]
        ),
        ("Tests/Fixtures/seeds/002", []),
        ("Tests/Fixtures/seeds/003", ["--profile", "postgres", "--profile", "ssl"]),
        ("Tests/Fixtures/seeds/004", []),
    ]

    @Test func dockerStackDeployAcceptsTheConvertedSeeds() async throws {
        let stack = "pierconvert" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(stack).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        for (folder, arguments) in Self.stackFileCases {
            let directory = TestSupport.repositoryRoot.appendingPathComponent(folder)
            let converted = try await TestSupport.run(
                TestSupport.pierBinary, arguments + ["convert", "swarm", "-o", file.path], in: directory,
                environment: TestSupport.baseEnvironment)
            try #require(converted.status == 0, "\(folder): \(converted.stderr)")
            let deployed = try await TestSupport.run(
                SwarmCluster.dockerCLI, ["stack", "deploy", "--resolve-image", "never", "-c", file.path, stack],
                in: directory, environment: SwarmCluster.environment)
            #expect(deployed.status == 0, "\(folder): \(deployed.stdout)\(deployed.stderr)")
            if folder.hasSuffix("000") {
                // `$` reaches the service as written (the file doubles it for the CLI's interpolation).
                let proxy = try await SwarmStack.manager.inspectSwarmObject(.services, "\(stack)_oauth2-proxy")
                let arguments = proxy.spec["TaskTemplate"]?["ContainerSpec"]?["Args"]?.arrayValue ?? []
                #expect(arguments.contains(.string("--skip-auth-route=GET=^/$")))
            }
            // The docker CLI's `stack rm` fails on a network whose tasks are still going away (exit 1, "network
            // … is in use"): it is run again until everything is gone.
            try await SwarmStack.eventually(90, "\(folder): the stack's networks are gone") {
                let removed = try await TestSupport.run(
                    SwarmCluster.dockerCLI, ["stack", "rm", stack], in: directory,
                    environment: SwarmCluster.environment)
                let networks = try await SwarmStack.manager.listNetworks(filters: [
                    "label": ["com.docker.stack.namespace=\(stack)"]
                ])
                return removed.status == 0 && networks.isEmpty
            }
        }
    }
}
