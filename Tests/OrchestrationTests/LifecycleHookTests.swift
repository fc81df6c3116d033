import DockerEngine
import Testing

@testable import ComposeSpec
@testable import Orchestration

/// The exec each `post_start` / `pre_stop` hook runs, from its (normalized) definition.
@Suite struct LifecycleHookExecutionTests {
    @Test func everyFieldOfAHookGoesIntoItsExec() throws {
        let service = try #require(
            try YAMLReader.documents(
                """
                post_start:
                  - command: [sh, -c, "echo hi"]
                    user: root
                    privileged: true
                    working_dir: /data
                    environment: {A: "1", B: null}
                  - command: [true]
                pre_stop:
                  - command: [flush]
                """, file: "c"
            ).first)
        #expect(
            LifecycleHook.postStart.executions(in: service) == [
                ExecConfiguration(
                    command: ["sh", "-c", "echo hi"], environment: ["A=1", "B"], workingDirectory: "/data",
                    user: "root", isPrivileged: true),
                ExecConfiguration(command: ["true"]),
            ])
        #expect(LifecycleHook.preStop.executions(in: service) == [ExecConfiguration(command: ["flush"])])
        #expect(LifecycleHook.preStop.executions(in: nil).isEmpty)
    }
}
