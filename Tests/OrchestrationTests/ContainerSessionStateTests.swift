import Testing

@testable import Orchestration

/// `run`'s and `attach`'s decisions: start once attached, signals passed on (the third kills), the status, and
/// `--rm`.
struct ContainerSessionStateTests {
    @Test func runStartsOnceAttachedAndEndsWithTheExitCode() {
        var state = ContainerSessionState(mode: .run(removes: false))
        #expect(state.handle(.attached) == [.start])
        #expect(state.handle(.outputEnded) == [.waitForExit])
        #expect(state.handle(.exited(code: 3)) == [.finish(status: 3)])
    }

    @Test func runWithRemoveRemovesAfterwardsAndOnFailure() {
        var state = ContainerSessionState(mode: .run(removes: true))
        #expect(state.handle(.exited(code: 0)) == [.remove, .finish(status: 0)])
        #expect(state.handle(.failed) == [.remove])
        var keeping = ContainerSessionState(mode: .run(removes: false))
        #expect(keeping.handle(.failed) == [])
    }

    @Test func attachJoinsARunningContainer() {
        var state = ContainerSessionState(mode: .attach)
        #expect(state.handle(.attached) == [])
        #expect(state.handle(.outputEnded) == [.inspect])
        // Detached from with the detach keys: the container goes on, the command succeeds.
        #expect(state.handle(.stillRunning) == [.finish(status: 0)])
        #expect(state.handle(.exited(code: 137)) == [.finish(status: 137)])
    }

    @Test func signalsReachTheContainerAndTheThirdKills() {
        var state = ContainerSessionState(mode: .run(removes: false))
        #expect(state.handle(.signal(.interrupt)) == [.send(signal: "SIGINT")])
        #expect(state.handle(.signal(.terminate)) == [.send(signal: "SIGTERM")])
        #expect(state.handle(.signal(.interrupt)) == [.send(signal: "SIGKILL")])
        #expect(state.handle(.signal(.terminate)) == [.send(signal: "SIGKILL")])
    }

    @Test func signalsStayHereWhenNotForwarded() {
        var state = ContainerSessionState(mode: .attach, forwardsSignals: false)
        #expect(state.handle(.signal(.interrupt)) == [])
        #expect(state.signalsSent == 0)
    }
}
