import Foundation
import PierTestSupport
import Testing

/// Pier as the docker CLI's `compose` plugin, installed as `make install-plugin` installs it (into a docker
/// configuration folder of the test's own): `docker compose …` runs Pier, with the docker CLI's own flags.
@Suite(.requiresEngine)
struct PluginModeTests {
    @Test func dockerComposeRunsPier() async throws {
        let stack = "services:\n  web: {image: pier-test/busybox:latest, command: sleep 3600, stop_signal: SIGKILL}\n"
        try await ScratchProject.with(stack) { project in
            let config = project.directory.appendingPathComponent("docker-config").path
            let install = try await TestSupport.run(
                TestSupport.repositoryRoot.appendingPathComponent("scripts/install-plugin.sh"),
                [TestSupport.pierBinary.path, config + "/cli-plugins"], in: TestSupport.repositoryRoot,
                environment: project.environment)
            #expect(install.status == 0, "\(install.stderr)")
            let environment = project.environment.merging(["DOCKER_CONFIG": config]) { $1 }
            func docker(_ arguments: String...) async throws -> TestSupport.Result {
                try await TestSupport.run(
                    URL(fileURLWithPath: "/usr/bin/env"), ["docker"] + arguments, in: project.directory,
                    environment: environment)
            }
            let version = try await docker("compose", "version")
            #expect(version.stdout == "Docker Compose version v2.40.3 (Pier 0.1.0)\n", "\(version.stderr)")
            let plugins = try await docker("info", "--format", "{{json .ClientInfo.Plugins}}")
            #expect(plugins.stdout.contains("\"Vendor\":\"Pier\""))
            // The docker CLI's flags come before `compose`: Pier takes them.
            let socket = TestSupport.baseEnvironment["DOCKER_HOST"] ?? "unix:///var/run/docker.sock"
            let up = try await docker("-H", socket, "compose", "up", "-d")
            #expect(up.status == 0, "\(up.stderr)")
            let ps = try await docker("compose", "ps", "--format", "{{.Name}}")
            #expect(ps.stdout == "\(project.name)-web-1\n")
            // What `docker compose` started, `pier` sees.
            #expect(try await project.pier("ps", "-q").stdout.count > 12)
            #expect(try await docker("compose", "down").status == 0)
            #expect(try await project.pier("ps", "-a", "-q").stdout.isEmpty)
        }
    }
}
