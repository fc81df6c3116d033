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

/// The lines `stop`, `down`, `rm` and a recreating `up` print for a stack with a one-shot that has exited, beside
/// the reference's on the same state: an exited container is reported stopped by `stop`, `down` and `rm -s`, not by
/// `rm`; a recreate prints only `Recreate` and `Recreated`; `rm` names the newest containers first.
@Suite(.requiresEngine, .requiresReference)
struct StoppingLinesTests {
    static let compose = """
        services:
          db: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL}
          migrate: {image: pier-test/busybox, command: "true", depends_on: [db]}
          web:
            image: pier-test/busybox
            command: sleep 3600
            stop_signal: SIGKILL
            depends_on: {migrate: {condition: service_completed_successfully}}
        """

    @Test(arguments: [["stop"], ["down"], ["rm", "-sf"], ["rm", "-f"], ["up", "-d", "--force-recreate"]])
    func linesMatchTheReference(command: [String]) async throws {
        try await ScratchProject.with(Self.compose) { project in
            var outputs: [[String]] = []
            for tool in ["reference", "pier"] {
                _ = try await project.pier("down", "-t", "0")
                try #require(try await project.pier("up", "-d").status == 0)
                if command == ["rm", "-f"] { _ = try await project.pier("stop") }
                let arguments = ["--progress", "plain"] + command
                let result =
                    tool == "pier" ? try await project.pier(arguments) : try await project.reference(arguments)
                #expect(result.status == 0, "\(tool) \(command): \(result.stderr)")
                outputs.append(Self.lines(result.stdout + result.stderr))
            }
            #expect(outputs[0] == outputs[1], "\(command)")
        }
    }

    /// The lines, sorted (the tools run services in parallel).
    static func lines(_ output: String) -> [String] {
        output.split(separator: "\n").filter { !$0.contains("level=warning") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.sorted()
    }
}
