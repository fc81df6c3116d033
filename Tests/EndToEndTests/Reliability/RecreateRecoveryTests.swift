import Foundation
import PierTestSupport
import Testing

/// A recreate killed half-way, by Pier or by Docker Compose: the proxy holds the request of the step it is killed
/// at (stopping the old container, removing it, renaming the replacement), and the next `pier up` finishes it.
@Suite(.requiresEngine)
struct RecreateRecoveryTests {
    /// The request each step of a recreate sends, which the proxy holds until the tool is killed.
    static let steps = ["/stop", "DELETE /v", "/rename"]

    static func compose(_ value: String) -> String {
        "services:\n  web: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, environment: {X: '\(value)'}}\n"
    }

    @Test(arguments: steps)
    func upFinishesARecreatePierWasKilledIn(step: String) async throws {
        try await recover(killedAt: step) { project, proxy, body in
            try await project.launch(["up", "-d"], environment: proxy.environment, body)
        }
    }

    @Test(.requiresReference, arguments: steps)
    func upFinishesARecreateDockerComposeWasKilledIn(step: String) async throws {
        try await recover(killedAt: step) { project, proxy, body in
            try await project.launchReference(["up", "-d"], environment: proxy.environment, body)
        }
    }

    @Test func upFinishesACreateKilledBeforeItsSecretWasWritten() async throws {
        let compose = """
            services:
              web:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                secrets: [token]
            secrets:
              token: {environment: TOKEN}

            """
        try await ScratchProject.with(compose) { project in
            try await FaultProxy.with(["--hang", "/archive"]) { proxy in
                try await project.launch(["up", "-d"], environment: proxy.environment.merging(["TOKEN": "t0"]) { $1 }) {
                    up in
                    #expect(await proxy.waitForRequest(containing: "/archive"))
                    up.send(SIGKILL)
                    await up.waitForExit(seconds: 10)
                }
            }
            let again = try await project.pier(["up", "-d"], environment: ["TOKEN": "t0"])
            #expect(again.status == 0, "\(again.stderr)")
            let token = try await project.pier("exec", "-T", "web", "cat", "/run/secrets/token")
            #expect(token.stdout == "t0")
        }
    }

    /// Creates the project, changes it, runs `launch`'s `up` until it sends `step`'s request, kills it, and checks
    /// that `pier up` leaves one container under its own name with the new configuration, and that the next
    /// `up --force-recreate` works.
    private func recover(
        killedAt step: String,
        _ launch: (ScratchProject, FaultProxy, (RunningCommand) async throws -> Void) async throws -> Void
    ) async throws {
        try await ScratchProject.with(Self.compose("old")) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            try Self.compose("new").write(
                to: project.directory.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)
            try await FaultProxy.with(["--hang", step]) { proxy in
                try await launch(project, proxy) { up in
                    #expect(await proxy.waitForRequest(containing: step), "the recreate never reached \(step)")
                    up.send(SIGKILL)
                    await up.waitForExit(seconds: 10)
                }
            }
            let again = try await project.pier("up", "-d")
            #expect(again.status == 0, "\(again.stderr)")
            try await expectOneContainer(project)
            let value = try await project.pier("exec", "-T", "web", "sh", "-c", "echo $X")
            #expect(value.stdout == "new\n")
            let forced = try await project.pier("up", "-d", "--force-recreate")
            #expect(forced.status == 0, "\(forced.stderr)")
            try await expectOneContainer(project)
        }
    }

    private func expectOneContainer(_ project: ScratchProject) async throws {
        let listed = try await project.pier("ps", "-a", "--format", "{{.Name}} {{.State}}")
        #expect(listed.stdout == "\(project.name)-web-1 running\n")
    }
}
