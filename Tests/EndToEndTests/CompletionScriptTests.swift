import Foundation
import PierTestSupport
import Testing

/// `pier completion SHELL` loaded into each shell, asked for completions as the shell asks when Tab is pressed,
/// in a project's directory: commands, flags, services, profiles and flag values.
struct CompletionScriptTests {
    static let compose = """
        services:
          web: {image: pier-test/busybox:latest}
          worker: {image: pier-test/busybox:latest, profiles: [jobs]}
        """

    /// The shell's completions of `line`, one per line.
    static func complete(_ shell: String, _ line: String, in project: ScratchProject) async throws -> [String] {
        let script = project.directory.appendingPathComponent("completion.\(shell)").path
        let generated = try await project.pier("completion", shell)
        try generated.stdout.write(toFile: script, atomically: true, encoding: .utf8)
        let program: [String]
        switch shell {
        case "bash":
            program = [
                "bash", "-c",
                "source \"$1\"; COMP_LINE=\"$2\"; COMP_POINT=${#COMP_LINE}; _pier_complete; printf '%s\\n' \"${COMPREPLY[@]}\"",
                "bash", script, line,
            ]
        case "zsh":
            // The completion system's output functions, stood in for: what they are given is printed.
            program = [
                "zsh", "-f", "-c",
                "compdef() {}; _describe() { print -l -- \"${(@P)4}\" }; _files() { print -- \"<files $*>\" }; "
                    + "source \"$1\"; words=(${(z)2}); [[ $2 == *' ' ]] && words+=(''); CURRENT=${#words}; _pier",
                "zsh", script, line,
            ]
        default:
            program = ["fish", "-c", "source $argv[1]; complete -C $argv[2]", script, line]
        }
        let pierFolder = TestSupport.pierBinary.deletingLastPathComponent().path
        let environment = project.environment.merging(["PATH": pierFolder + ":" + (project.environment["PATH"] ?? "")])
        {
            $1
        }
        let result = try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), program, in: project.directory, environment: environment)
        #expect(result.status == 0, "\(shell): \(result.stderr)")
        return result.stdout.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
            .map { $0.split(separator: ":").first.map(String.init) ?? $0 }
    }

    static let shells = ["bash", "zsh", "fish"]

    @Test(arguments: shells)
    func completesFromTheProjectInTheCurrentDirectory(shell: String) async throws {
        let path = try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["which", shell], in: URL(fileURLWithPath: "/"),
            environment: TestSupport.baseEnvironment)
        guard path.status == 0 else {
            if TestSupport.isCI {
                Issue.record("CI=true, but \(shell) is not installed: run scripts/shells-install.sh")
            }
            return
        }
        try await ScratchProject.with(Self.compose) { project in
            let commands = try await Self.complete(shell, "pier sca", in: project)
            #expect(commands == ["scale"])
            let flags = try await Self.complete(shell, "pier up --abort-on-container-f", in: project)
            #expect(flags.contains("--abort-on-container-failure"))
            let services = try await Self.complete(shell, "pier logs ", in: project)
            #expect(services == ["web", "worker"])
            let profiles = try await Self.complete(shell, "pier --profile ", in: project)
            #expect(profiles == ["jobs"])
            let values = try await Self.complete(shell, "pier --progress p", in: project)
            #expect(values == ["plain"])
        }
    }
}
