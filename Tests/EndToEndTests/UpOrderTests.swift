import Foundation
import PierTestSupport
import Testing

/// The order in which `up` and `start` act, and what `up --wait` waits for, compared with the reference Docker
/// Compose on the same project: the progress lines of a chain of dependencies are the same, in the same order.
@Suite(.requiresEngine, .requiresReference)
struct UpOrderTests {
    static let chain = """
        services:
          db:
            image: pier-test/busybox
            command: sleep 3600
            stop_signal: SIGKILL
            healthcheck: {test: ["CMD", "true"], interval: 1s}
          web: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, depends_on: {db: {condition: service_healthy}}}
          front: {image: pier-test/busybox, command: sleep 3600, stop_signal: SIGKILL, depends_on: [web]}
        """

    /// The containers' progress lines (`Container p-db-1  Created`), in order.
    static func containerLines(_ stderr: String) -> [String] {
        stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            $0.hasPrefix("Container ")
        }
    }

    /// Runs `commands` with the reference then with `pier`, removing the project after each, and returns the
    /// container lines of the last command of each.
    static func compare(_ project: ScratchProject, _ commands: [[String]]) async throws -> ([String], [String]) {
        var lines: [[String]] = []
        for tool in ["reference", "pier"] {
            var last = ""
            for command in commands {
                let arguments = ["--progress", "plain"] + command
                let run = tool == "pier" ? try await project.pier(arguments) : try await project.reference(arguments)
                #expect(run.status == 0, "\(tool) \(command): \(run.stderr)")
                last = run.stderr
            }
            lines.append(Self.containerLines(last))
            _ = try await project.pier("down", "--timeout", "0")
        }
        return (lines[0], lines[1])
    }

    @Test func upCreatesEveryContainerBeforeStartingAny() async throws {
        try await ScratchProject.with(Self.chain) { project in
            let (reference, pier) = try await Self.compare(project, [["up", "-d"]])
            let p = project.name
            #expect(
                reference == [
                    "Container \(p)-db-1  Creating", "Container \(p)-db-1  Created", "Container \(p)-web-1  Creating",
                    "Container \(p)-web-1  Created", "Container \(p)-front-1  Creating",
                    "Container \(p)-front-1  Created", "Container \(p)-db-1  Starting", "Container \(p)-db-1  Started",
                    "Container \(p)-db-1  Waiting", "Container \(p)-db-1  Healthy", "Container \(p)-web-1  Starting",
                    "Container \(p)-web-1  Started", "Container \(p)-front-1  Starting",
                    "Container \(p)-front-1  Started",
                ])
            #expect(pier == reference)
        }
    }

    @Test func startTakesTheDependenciesAlongAndWaitsForTheirConditions() async throws {
        try await ScratchProject.with(Self.chain) { project in
            let (reference, pier) = try await Self.compare(project, [["up", "-d"], ["stop"], ["start", "web"]])
            let p = project.name
            #expect(
                reference == [
                    "Container \(p)-db-1  Starting", "Container \(p)-db-1  Started", "Container \(p)-db-1  Waiting",
                    "Container \(p)-db-1  Healthy", "Container \(p)-web-1  Starting", "Container \(p)-web-1  Started",
                ])
            #expect(pier == reference)
        }
    }

    @Test func upWaitTakesAOneShotOthersNeedAsDoneAndFailsOnOneNothingNeeds() async throws {
        let compose = """
            services:
              migrate: {image: pier-test/busybox, command: echo migrated}
              app:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                depends_on: {migrate: {condition: service_completed_successfully}}
              seed: {image: pier-test/busybox, command: "true", profiles: [seed]}
            """
        try await ScratchProject.with(compose) { project in
            var outcomes: [[String]] = []
            for arguments in [["up", "-d", "--wait"], ["--profile", "seed", "up", "-d", "--wait"]] {
                let reference = try await project.reference(arguments)
                _ = try await project.pier("--profile", "seed", "down", "--timeout", "0")
                let pier = try await project.pier(arguments)
                _ = try await project.pier("--profile", "seed", "down", "--timeout", "0")
                outcomes.append(["\(reference.status)", LifecycleHookTests.lastLine(reference.stderr)])
                outcomes.append(["\(pier.status)", LifecycleHookTests.lastLine(pier.stderr)])
            }
            #expect(outcomes[0][0] == "0")
            #expect(outcomes[1][0] == "0", "\(outcomes[1])")
            #expect(outcomes[2] == ["1", "container \(project.name)-seed-1 exited (0)"])
            #expect(outcomes[3] == outcomes[2])
        }
    }
}
