import Foundation
import PierTestSupport
import Testing

/// A network whose configuration changed is recreated by `up`, as Compose's reconciler does: its containers are
/// stopped, the network made anew, and the containers started again on it, reachable by their aliases.
@Suite(.requiresEngine)
struct NetworkDivergenceTests {
    static func compose(tier: String) -> String {
        """
        services:
          db:
            image: pier-test/busybox:latest
            command: [sleep, "600"]
            stop_signal: SIGKILL
            networks: {default: {aliases: [database]}}
          web: {image: pier-test/busybox:latest, command: [sleep, "600"], stop_signal: SIGKILL}
        networks:
          default: {labels: {tier: \(tier)}}
        """
    }

    @Test func upRecreatesANetworkWhoseConfigurationChanged() async throws {
        let pier = try await Self.changeTheNetwork { try await $0.pier($1) }
        #expect(pier.status == 0, "\(pier.stderr)")
        let lines = pier.stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(
            lines.filter { $0.hasPrefix("Network") } == [
                "Network PROJECT_default  Removed", "Network PROJECT_default  Creating",
                "Network PROJECT_default  Created",
            ], "\(pier.stderr)")
        #expect(lines.filter { $0.hasSuffix("Started") }.count == 2, "\(pier.stderr)")
        if await TestSupport.referenceCompose != nil {
            // The reference's containers lose their aliases on the network made anew (even the service's name):
            // only Pier's are checked for them.
            let reference = try await Self.changeTheNetwork(keepsAliases: false) { try await $0.reference($1) }
            #expect(
                pier.stderr.split(separator: "\n").sorted() == reference.stderr.split(separator: "\n").sorted())
        }
    }

    /// `up web` recreates the network under `db` too, and starts `db` again although `up` was not asked for it; a
    /// network a `run` container uses is refused before anything stops.
    @Test func servicesUpLeavesAsideRunAgainAndARunContainerIsNeverCutOff() async throws {
        try await ScratchProject.with(Self.compose(tier: "one")) { project in
            try #require(try await project.pier("up", "-d").status == 0)
            try Self.compose(tier: "two").write(
                to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let one = try await project.pier("up", "-d", "web")
            #expect(one.status == 0, "\(one.stderr)")
            let running = try await project.pier("ps", "--status", "running", "--format", "{{.Service}}")
            #expect(running.stdout.split(separator: "\n").sorted() == ["db", "web"], "\(one.stderr)")
            #expect(try await project.pier("exec", "-T", "web", "ping", "-c", "1", "-W", "2", "database").status == 0)

            try #require(try await project.pier("run", "-d", "web", "sleep", "600").status == 0)
            try Self.compose(tier: "three").write(
                to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let refused = try await project.pier("up", "-d")
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("other than this project's services use it"), "\(refused.stderr)")
            let still = try await project.pier("ps", "--status", "running", "--format", "{{.Service}}")
            #expect(still.stdout.split(separator: "\n").sorted() == ["db", "web"], "nothing was stopped")
        }
    }

    /// Runs `up -d`, changes the network's labels, and returns what a second `up -d` (run by `command`) printed,
    /// the project's name written `PROJECT`; checks that the project is whole again: up to date by its plan (which
    /// compares the network's configuration hash), and (with `keepsAliases`) `db` reachable from `web` by
    /// its alias.
    static func changeTheNetwork(
        keepsAliases: Bool = true, _ command: @escaping (ScratchProject, [String]) async throws -> TestSupport.Result
    ) async throws -> TestSupport.Result {
        try await ScratchProject.with(compose(tier: "one")) { project in
            try #require(try await command(project, ["up", "-d"]).status == 0)
            try compose(tier: "two").write(
                to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            let plan = try await project.pier("plan")
            #expect(plan.stdout.contains("recreate  Network \(project.name)_default"), "\(plan.stdout)")
            var result = try await command(project, ["up", "-d"])
            result.stderr = result.stderr.replacingOccurrences(of: project.name, with: "PROJECT")
            if keepsAliases {
                let ping = try await project.pier("exec", "-T", "web", "ping", "-c", "1", "-W", "2", "database")
                #expect(ping.status == 0, "\(ping.stderr)")
            }
            #expect(try await project.pier("plan").stdout == "Nothing to do: the project is up to date.\n")
            return result
        }
    }
}
