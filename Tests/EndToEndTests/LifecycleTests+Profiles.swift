import Foundation
import PierTestSupport
import Testing

/// The commands that act on existing containers leave those of a service whose profile is not active, as the
/// reference does (`stop` stops the enabled services only, `down` leaves a disabled service's container running),
/// and act on a service named on the command line whatever its profile. Each command is run by the reference and
/// by Pier on the same state, and the states they leave are compared.
@Suite(.requiresEngine, .requiresReference)
struct ProfileLifecycleTests {
    static let compose = """
        services:
          app: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL}
          debug: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, profiles: [debug]}
        """

    @Test(arguments: [
        ["stop"], ["kill"], ["pause"], ["rm", "-sf"], ["down"], ["down", "--remove-orphans"], ["stop", "debug"],
        ["down", "debug"], ["start"],
    ])
    func aDisabledProfilesContainersAreLeftAsTheReferenceLeavesThem(command: [String]) async throws {
        try await ScratchProject.with(Self.compose) { project in
            var states: [String] = []
            for tool in ["reference", "pier"] {
                _ = try await project.pier("--profile", "debug", "down", "-t", "0")
                try #require(try await project.pier("--profile", "debug", "up", "-d").status == 0)
                if command == ["start"] { _ = try await project.pier("--profile", "debug", "stop") }
                let result =
                    tool == "pier" ? try await project.pier(command) : try await project.reference(command)
                #expect(result.status == 0, "\(tool) \(command): \(result.stderr)")
                let listed = try await project.pier(
                    "--profile", "debug", "ps", "-a", "--format", "{{.Service}} {{.State}}")
                states.append(listed.stdout)
            }
            #expect(states[0] == states[1], "\(command): the reference left \(states[0]), Pier \(states[1])")
        }
    }
}
