import Foundation
import PierTestSupport
import Testing

/// `pier exec` against the real engine: pipes, exit codes, options, TTY.
@Suite(.requiresEngine)
struct ExecTests {
    @Test func exitCodePassesThroughWithStdoutAndStderrApart() async throws {
        try await InteractiveSupport.withRunningProject { project in
            let result = try await project.pier(
                "exec", "-T", "web", "sh", "-c", "echo to-out; echo to-err >&2; exit 42")
            #expect(result.status == 42)
            #expect(result.stdout == "to-out\n")
            #expect(result.stderr == "to-err\n")
            let missing = try await project.pier("exec", "-T", "web", "no-such-command")
            #expect(missing.status == 126, "\(missing.stderr)")
            // The engine reports it inside the stream, on stdout, as the reference shows it.
            #expect(missing.stdout.contains("executable file not found"))
        }
    }

    /// `exec -T … < file` and `exec -T … > file`, as the seeds back up and restore databases: megabytes through
    /// `cat`, checksum-equal; the upload finishes only because end of file closes the process's input.
    @Test func megabytesMoveBothWaysThroughPipes() async throws {
        try await InteractiveSupport.withRunningProject { project in
            let payload = try InteractiveSupport.randomFile(bytes: 8 << 20, in: project.directory)
            let expected = try await InteractiveSupport.sha256(of: payload)
            let environment = project.environment
            let pier = TestSupport.pierBinary.path
            let upload = try await InteractiveSupport.shell(
                "'\(pier)' exec -T web sh -c 'cat > /tmp/upload && sha256sum /tmp/upload' < payload",
                in: project.directory, environment: environment)
            #expect(upload.status == 0, "\(upload.stderr)")
            #expect(upload.stdout.hasPrefix(expected))
            let download = try await InteractiveSupport.shell(
                "'\(pier)' exec -T web cat /tmp/upload > download", in: project.directory, environment: environment)
            #expect(download.status == 0, "\(download.stderr)")
            #expect(
                try await InteractiveSupport.sha256(of: project.directory.appendingPathComponent("download"))
                    == expected)
            // Both streams at once, each a megabyte, kept apart.
            let both = try await InteractiveSupport.shell(
                "'\(pier)' exec -T web sh -c 'head -c 1048576 /tmp/upload; head -c 1048576 /tmp/upload >&2' "
                    + "> out 2> err && cmp out err && wc -c < out",
                in: project.directory, environment: environment)
            #expect(both.status == 0, "\(both.stderr)")
            #expect(both.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1048576")
        }
    }

    @Test(.requiresReference) func optionsReachTheProcess() async throws {
        try await InteractiveSupport.withRunningProject(scale: 2) { project in
            let result = try await project.pier(
                "exec", "-T", "-e", "GREETING=hello", "-u", "65534", "-w", "/tmp", "web", "sh", "-c",
                "echo $GREETING $FROM_SERVICE $(id -u) $(pwd)")
            #expect(result.stdout == "hello yes 65534 /tmp\n", "\(result.stderr)")
            let second = try await project.pier("exec", "-T", "--index", "2", "web", "hostname")
            let expected = try await project.docker("inspect", "-f", "{{.Config.Hostname}}", "\(project.name)-web-2")
            #expect(second.stdout == expected.stdout)
            // Where the engine may not grant every capability (as on these VMs) the privileged exec fails; either
            // way it must do what the reference's does, and differ from an ordinary exec.
            let unprivileged = try await project.pier("exec", "-T", "web", "grep", "CapEff", "/proc/self/status")
            let privileged = try await project.pier(
                "exec", "-T", "--privileged", "web", "grep", "CapEff", "/proc/self/status")
            let reference = try await project.reference(
                "exec", "-T", "--privileged", "web", "grep", "CapEff", "/proc/self/status")
            #expect(unprivileged.stdout != privileged.stdout)
            #expect(privileged.stdout == reference.stdout && privileged.status == reference.status)
            let detached = try await project.pier("exec", "-d", "web", "sh", "-c", "sleep 0.3; touch /tmp/done")
            #expect(detached.status == 0 && detached.stdout.isEmpty)
            var found = false
            for _ in 0..<30 where !found {
                found = try await project.pier("exec", "-T", "web", "test", "-e", "/tmp/done").status == 0
                try await Task.sleep(for: .seconds(0.1))
            }
            #expect(found)
        }
    }

    @Test func failsAsTheReferenceWhenNothingRuns() async throws {
        try await InteractiveSupport.withRunningProject { project in
            let index = try await project.pier("exec", "-T", "--index", "3", "web", "true")
            #expect(index.status == 1)
            #expect(index.stderr == "service \"web\" is not running container #3\n")
            try await project.pier("stop", "-t", "0")
            let stopped = try await project.pier("exec", "-T", "web", "true")
            #expect(stopped.status == 1)
            #expect(stopped.stderr == "service \"web\" is not running\n")
            let noCommand = try await project.pier("exec", "web")
            #expect(noCommand.status == 1)
            #expect(noCommand.stderr == "requires at least 2 arg(s), only received 1\n")
        }
    }

    /// Under a terminal: a TTY is allocated with the window's size, the exit code passes through, and the local
    /// terminal is back in its normal mode afterwards.
    @Test func allocatesATerminalAndRestoresOurs() async throws {
        try await InteractiveSupport.withRunningProject { project in
            let result = try await InteractiveSupport.underTerminal(
                "\"$PIER\" exec web sh -c 'tty; sleep 1; stty size; exit 9'", project: project)
            #expect(result.stdout.contains("/dev/pts/"), "\(result.stdout)")
            #expect(result.stdout.contains("30 100"), "\(result.stdout)")
            #expect(result.stdout.contains("status=9"), "\(result.stdout)")
            // `stty -a` after the session: canonical mode and echo are back on.
            let settings = result.stdout.components(separatedBy: "status=9").last ?? ""
            #expect(settings.contains(" icanon") && settings.contains(" echo "), "\(settings)")
            // A window resize reaches the container's terminal (SIGWINCH → resize).
            let resized = try await InteractiveSupport.underTerminal(
                "exec 3<&0; \"$PIER\" exec web sh -c 'sleep 3; stty size' <&3 & sleep 1.5; stty rows 40 cols 120; "
                    + "kill -WINCH $! 2>/dev/null; wait $!",
                project: project)
            #expect(resized.stdout.contains("40 120"), "\(resized.stdout)")
            // A termination request in the middle of the session still puts the terminal back.
            let terminated = try await InteractiveSupport.underTerminal(
                "exec 3<&0; \"$PIER\" exec web sleep 30 <&3 & sleep 3; stty -a | grep -o ' -icanon'; kill -TERM $!; wait $!",
                project: project)
            #expect(terminated.stdout.contains(" -icanon"), "raw mode was not on: \(terminated.stdout)")
            #expect(terminated.stdout.contains("status=130"), "\(terminated.stdout)")
            let restored = terminated.stdout.components(separatedBy: "status=130").last ?? ""
            #expect(restored.contains(" icanon") && restored.contains(" echo "), "\(restored)")
            let refused = try await InteractiveSupport.underTerminal(
                "\"$PIER\" exec web true < /dev/null", project: project, seconds: 0)
            #expect(refused.stdout.contains("the input device is not a TTY"))
            #expect(refused.stdout.contains("status=1"))
        }
    }
}
