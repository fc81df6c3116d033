import DockerEngine
import Foundation
import PierTestSupport
import Testing

/// A service that keeps failing, and services that leave the file.
extension SwarmTests {
    @Test func aServiceThatKeepsFailingIsReportedWithItsLastOutput() async throws {
        let compose = """
            services:
              broken:
                image: pier-test/busybox:latest
                command: [sh, -c, "echo cannot reach the database; exit 3"]
                deploy:
                  endpoint_mode: dnsrr
                  restart_policy: {condition: any, delay: 1s}
            """
        try await SwarmStack.with(compose) { project in
            let deploy = try await project.pier("stack", "deploy", "--wait", "--wait-timeout", "90")
            #expect(deploy.status == 1)
            #expect(deploy.stderr.contains("service broken keeps failing: task: non-zero exit (3)"), "\(deploy.stderr)")
            #expect(deploy.stderr.contains("last output:\n  cannot reach the database"), "\(deploy.stderr)")
        }
    }

    @Test func pruneRemovesTheServicesThatLeftTheFile() async throws {
        let compose = """
            services:
              kept: {image: pier-test/busybox:latest, command: [sleep, "600"], deploy: {endpoint_mode: dnsrr}}
              gone: {image: pier-test/busybox:latest, command: [sleep, "600"], deploy: {endpoint_mode: dnsrr}}
            """
        try await SwarmStack.with(compose) { project in
            try #require(try await project.pier("stack", "deploy").status == 0)
            try """
            services:
              kept: {image: pier-test/busybox:latest, command: [sleep, "600"], deploy: {endpoint_mode: dnsrr}}
            """.write(to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let kept = try await project.pier("stack", "deploy")
            #expect(kept.status == 0)
            #expect(!kept.stdout.contains("Removing"), "without --prune, gone stays")
            #expect((try await project.pier("stack", "services", project.name)).stdout.contains("\(project.name)_gone"))
            let pruned = try await project.pier("stack", "deploy", "--prune")
            #expect(pruned.stdout.contains("Removing service \(project.name)_gone"), "\(pruned.stdout)")
            #expect(pruned.stdout.contains("Service \(project.name)_kept is unchanged"))
            let services = try await project.pier("stack", "services", "-q", project.name)
            #expect(services.stdout.split(separator: "\n").count == 1)
        }
    }
}
