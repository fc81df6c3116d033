import Foundation
import PierTestSupport
import Testing

/// `post_start` and `pre_stop`, run by `pier` and by the reference Docker Compose on the same project: the hooks
/// append to a file in a bind-mounted folder, so which command ran which hook, and with what, is read there.
@Suite(.requiresEngine, .requiresReference)
struct LifecycleHookTests {
    static let recording = """
        services:
          app:
            image: pier-test/busybox
            command: sleep 3600
            stop_signal: SIGKILL
            volumes: [./out:/out]
            post_start:
              - command: sh -c 'echo post-string >> /out/log; chmod 666 /out/log'
              - command: ["sh", "-c", "echo post $$(id -u) $$PWD $$GREETING >> /out/log"]
                user: "1000"
                working_dir: /etc
                environment: {GREETING: hello}
            pre_stop:
              - command: ["sh", "-c", "echo pre-stop >> /out/log"]
        """

    /// After each command of `commands`, what the hooks wrote so far; the log is emptied and the project removed
    /// at the end.
    static func hookLog(
        _ project: ScratchProject, _ commands: [[String]],
        run: ([String]) async throws -> TestSupport.Result
    ) async throws -> [String] {
        let log = project.directory.appendingPathComponent("out/log")
        var snapshots: [String] = []
        for command in commands {
            let result = try await run(command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            snapshots.append((try? String(contentsOf: log, encoding: .utf8)) ?? "")
        }
        try? FileManager.default.removeItem(at: log)
        return snapshots
    }

    @Test func theHooksRunWhenTheReferencesRunWithWhatTheyAsk() async throws {
        try await ScratchProject.with(Self.recording) { project in
            let out = project.directory.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: out.path)
            // Not on a recreate, not on a kill.
            let commands = [
                ["up", "-d"], ["stop"], ["start"], ["restart"], ["up", "-d", "--force-recreate"], ["kill"], ["start"],
                ["rm", "-s", "-f"], ["up", "-d"], ["down"],
            ]
            let reference = try await Self.hookLog(project, commands) { try await project.reference($0) }
            let pier = try await Self.hookLog(project, commands) { try await project.pier($0) }
            #expect(pier == reference)
            // As whom, where and with which variables the reference ran them.
            #expect(pier.first == "post-string\npost 1000 /etc hello\n", "\(pier)")
        }
    }

    @Test func aFailingHookFailsTheCommandAsTheReferencesDoes() async throws {
        let compose = """
            services:
              app:
                image: pier-test/busybox
                command: sleep 3600
                stop_signal: SIGKILL
                post_start: [{command: ["sh", "-c", "echo starting; exit 3"]}]
                pre_stop: [{command: ["sh", "-c", "exit 4"]}]
            """
        try await ScratchProject.with(compose) { project in
            var outcomes: [[String]] = []
            for tool in ["reference", "pier"] {
                let run = { (arguments: [String]) in
                    tool == "pier" ? try await project.pier(arguments) : try await project.reference(arguments)
                }
                let up = try await run(["up", "-d"])
                let stop = try await run(["stop"])
                // The container was started, and the failed pre_stop left it running.
                let state = try await project.pier("ps", "--format", "{{.State}}")
                outcomes.append([
                    "\(up.status)", Self.lastLine(up.stderr), "\(stop.status)", Self.lastLine(stop.stderr),
                    state.stdout,
                ])
                _ = try await project.docker("rm", "-f", "\(project.name)-app-1")
            }
            #expect(
                outcomes[0] == [
                    "1", "app hook exited with status 3", "1", "app hook exited with status 4", "running\n",
                ])
            #expect(outcomes[1] == outcomes[0])
        }
    }

    @Test func attachedUpShowsTheHooksOutputAsTheReferenceDoes() async throws {
        let compose = """
            services:
              app:
                image: pier-test/busybox
                command: sh -c 'echo main; sleep 1'
                post_start: [{command: ["sh", "-c", "echo to-stdout; echo to-stderr >&2"]}]
            """
        try await ScratchProject.with(compose) { project in
            let reference = try await project.reference("up", "--no-color")
            let pier = try await project.pier("up", "--no-color")
            #expect(pier.status == 0 && reference.status == 0, "\(pier.stderr)")
            func hookLines(_ output: String) -> [String] {
                output.split(separator: "\n").map(String.init).filter { $0.contains("->") }.sorted()
            }
            #expect(hookLines(reference.stdout) == ["app-1 ->  | to-stderr", "app-1 ->  | to-stdout"])
            #expect(hookLines(pier.stdout) == hookLines(reference.stdout))
            #expect(pier.stdout.contains("app-1  | main\n"))
        }
    }

    static func lastLine(_ text: String) -> String {
        text.split(separator: "\n").last.map(String.init) ?? ""
    }
}
