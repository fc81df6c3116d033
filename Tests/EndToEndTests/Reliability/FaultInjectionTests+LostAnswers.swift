import Foundation
import PierTestSupport
import Testing

extension FaultInjectionTests {
    /// Requests that change something and whose answer was lost (the proxy forwards every second one, then closes
    /// the connection before the answer) are sent again, and the engine's refusal of the second is read against
    /// what the engine holds: BuildKit's session and control connections, a network connect (Engine 20.10 attaches
    /// a container's second network that way), and the rename that ends a recreate.
    @Test func aChangeWhoseAnswerWasLostIsSentAgainAndFoundDone() async throws {
        let compose = """
            services:
              app:
                build: .
                command: sleep 3600
                stop_signal: SIGKILL
                environment: {ROUND: "${ROUND:-1}"}
                networks: [front, back]
            networks:
              front: {}
              back: {}

            """
        try await ScratchProject.with(compose, files: Self.files) { project in
            try await FaultProxy.with(["--drop-after", "2", "--only", "/session |/grpc |/connect|/rename"]) { proxy in
                let up = try await project.pier(["up", "-d"], environment: proxy.environment)
                #expect(up.status == 0, "\(up.stderr)")
                let recreate = try await project.pier(
                    ["up", "-d"], environment: proxy.environment.merging(["ROUND": "2"]) { $1 })
                #expect(recreate.status == 0, "\(recreate.stderr)")
                let lines = proxy.requests().map(\.line)
                // Each request the proxy cut was sent again: the upgrades twice, each rename twice.
                #expect(lines.filter { $0.contains(" /grpc ") }.count == 2, "\(lines)")
                #expect(lines.filter { $0.contains("/rename") }.count == 2, "\(lines)")
            }
            let listed = try await project.pier("ps", "--format", "{{.Name}} {{.State}}")
            #expect(listed.stdout == "\(project.name)-app-1 running\n", "\(listed.stdout)")
            let environment = try await project.pier("exec", "-T", "app", "sh", "-c", "echo $ROUND")
            #expect(environment.stdout == "2\n")
            let networks = try await project.pier("ps", "--format", "{{.Networks}}")
            #expect(
                Set(networks.stdout.trimmingCharacters(in: .newlines).split(separator: ","))
                    == ["\(project.name)_front", "\(project.name)_back"], "\(networks.stdout)")
        }
    }
}
