import Foundation
import PierTestSupport
import Testing

/// `up -d` and `down` killed with SIGKILL at random points, again and again: after each kill the next command
/// converges. `PIER_SIGKILL_TRIALS` trials (4 by default, as CI runs them; `make sigkill-trials` runs 40). Half
/// the `up` trials change the project first, so that they are killed while recreating.
@Suite(.requiresEngine)
struct SigkillTrialTests {
    static let trials = ProcessInfo.processInfo.environment["PIER_SIGKILL_TRIALS"].flatMap { Int($0) } ?? 4
    static let services = ["db", "cache", "api", "worker", "web", "proxy"]

    static func compose(_ generation: Int) -> String {
        var text = "services:\n"
        for (index, name) in services.enumerated() {
            // Every other service changes with each generation: those are recreated.
            let value = index.isMultiple(of: 2) ? generation : 0
            text += "  \(name):\n    image: pier-test/busybox\n    command: sleep 3600\n    stop_signal: SIGKILL\n"
            text += "    environment: {GENERATION: '\(value)'}\n"
            if index > 0 { text += "    depends_on: [\(services[index - 1])]\n" }
            if name == "db" { text += "    volumes: [data:/data]\n" }
        }
        return text + "volumes:\n  data: {}\n"
    }

    @Test func upAndDownKilledAnywhereConvergeNextTime() async throws {
        try await ScratchProject.with(Self.compose(0)) { project in
            #expect(try await project.pier("up", "-d").status == 0)
            var generation = 0
            for trial in 0..<Self.trials {
                let delay = Int.random(in: 0...1200)
                let killsUp = trial.isMultiple(of: 2)
                if killsUp, trial.isMultiple(of: 4) {
                    generation += 1
                    try Self.compose(generation).write(
                        to: project.directory.appendingPathComponent("compose.yaml"), atomically: true,
                        encoding: .utf8)
                }
                let killed = killsUp ? ["up", "-d"] : ["down"]
                try await project.launch(["--progress", "quiet"] + killed) { command in
                    try await Task.sleep(for: .milliseconds(delay))
                    command.send(SIGKILL)
                    await command.waitForExit(seconds: 10)
                }
                let trialName = "trial \(trial): \(killed.joined(separator: " ")) killed after \(delay) ms"
                if killsUp {
                    try await expectUp(project, trialName)
                } else {
                    try await expectDown(project, trialName)
                    #expect(try await project.pier("up", "-d").status == 0, "\(trialName): up after down")
                }
            }
        }
    }

    /// `up -d` converges: one running container per service under its name, and another `up` changes nothing.
    private func expectUp(_ project: ScratchProject, _ trial: String) async throws {
        let up = try await project.pier("up", "-d")
        #expect(up.status == 0, "\(trial): \(up.stderr)")
        let listed = try await project.pier("ps", "-a", "--format", "{{.Name}} {{.State}}")
        let expected = Self.services.map { "\(project.name)-\($0)-1 running" }.sorted()
        #expect(listed.stdout.split(separator: "\n").map(String.init).sorted() == expected, "\(trial)")
        let again = try await project.pier("up", "-d")
        #expect(!again.stderr.contains("Creat") && !again.stderr.contains("Recreat"), "\(trial): \(again.stderr)")
    }

    /// `down` converges: nothing of the project is left but its volume.
    private func expectDown(_ project: ScratchProject, _ trial: String) async throws {
        let down = try await project.pier("down")
        #expect(down.status == 0, "\(trial): \(down.stderr)")
        let label = "label=com.docker.compose.project=\(project.name)"
        #expect(try await project.docker("ps", "-aq", "--filter", label).stdout.isEmpty, "\(trial)")
        #expect(try await project.docker("network", "ls", "-q", "--filter", label).stdout.isEmpty, "\(trial)")
        let volumes = try await project.docker("volume", "ls", "-q", "--filter", label)
        #expect(volumes.stdout == "\(project.name)_data\n", "\(trial)")
    }
}
