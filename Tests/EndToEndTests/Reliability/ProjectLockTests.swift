import Foundation
import PierTestSupport
import Testing

/// Two Pier processes changing one project: the second waits for the first, saying so, and the project ends as
/// one `up` would leave it.
@Suite(.requiresEngine)
struct ProjectLockEndToEndTests {
    static let compose = """
        services:
          a: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL}
          b: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, depends_on: [a]}

        """

    static func expectOneOfEach(_ project: ScratchProject) async throws {
        let listed = try await project.pier("ps", "-a", "--format", "{{.Name}} {{.State}}")
        #expect(listed.stdout == "\(project.name)-a-1 running\n\(project.name)-b-1 running\n")
        let networks = try await project.docker(
            "network", "ls", "-q", "--filter", "label=com.docker.compose.project=\(project.name)")
        #expect(networks.stdout.split(separator: "\n").count == 1)
    }

    @Test func aSecondUpWaitsForTheFirst() async throws {
        try await ScratchProject.with(Self.compose) { project in
            // The first `up` is slowed down by the proxy; the second starts while it creates containers.
            try await FaultProxy.with(["--delay", "300"]) { proxy in
                let first = try await project.launch(["up", "-d"], environment: proxy.environment) { first in
                    #expect(await proxy.waitForRequest(containing: "/containers/create"))
                    let second = try await project.pier("up", "-d")
                    #expect(second.status == 0, "\(second.stderr)")
                    #expect(second.stderr.contains("Waiting for another pier (process "))
                    #expect(second.stderr.contains("pier up -d) to finish changing project \(project.name)"))
                    // It went on only once the first was done.
                    #expect(first.hasExited)
                }
                #expect(first.status == 0, "\(first.stderr)")
            }
            try await Self.expectOneOfEach(project)
        }
    }

    @Test func twoUpAtOnceOnANewProjectMakeOneNetwork() async throws {
        try await ScratchProject.with(Self.compose) { project in
            let first = try await project.launch(["up", "-d"]) { first in
                let second = try await project.pier("up", "-d")
                #expect(second.status == 0, "\(second.stderr)")
                #expect(await first.waitForExit(seconds: 60))
            }
            #expect(first.status == 0, "\(first.stderr)")
            try await Self.expectOneOfEach(project)
        }
    }
}
