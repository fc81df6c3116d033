import Testing

@testable import Orchestration

/// Attached `up`'s decisions: whose output is shown, when the project stops, how Ctrl+C escalates, and the status.
struct AttachedUpStateTests {
    static func state(
        services: [String] = [], attach: [String] = [], noAttach: [String] = [], abort: Bool = false,
        exitCodeFrom: String? = nil
    ) -> AttachedUpState {
        var options = AttachedUpState.Options()
        options.services = services
        options.attach = attach
        options.noAttach = noAttach
        options.abortOnContainerExit = abort
        options.exitCodeFrom = exitCodeFrom
        return AttachedUpState(options: options)
    }

    @Test func everyServiceIsAttachedByDefault() {
        let state = Self.state()
        #expect(state.attaches("web") && state.attaches("db"))
    }

    @Test func servicesNamedOnTheCommandLineAreAttached() {
        let state = Self.state(services: ["web"])
        #expect(state.attaches("web"))
        #expect(!state.attaches("db"))
    }

    @Test func attachOverridesTheNamedServicesAndNoAttachWins() {
        let state = Self.state(services: ["web"], attach: ["db", "cache"], noAttach: ["cache"])
        #expect(state.attaches("db"))
        #expect(!state.attaches("web"))
        #expect(!state.attaches("cache"))
        #expect(!Self.state(noAttach: ["db"]).attaches("db"))
    }

    @Test func withoutAbortAnExitIsOnlyReported() {
        var state = Self.state()
        #expect(
            state.handle(.exited(name: "web-1", exitCode: 3)) == [.status(name: "web-1", text: "exited with code 3")])
        #expect(!state.isStopping)
        #expect(state.outcome == .status(0))
    }

    @Test func abortStopsOnTheFirstExitOnceAndReturnsItsCode() {
        var state = Self.state(abort: true)
        #expect(
            state.handle(.exited(name: "worker-1", exitCode: 7)) == [
                .status(name: "worker-1", text: "exited with code 7"), .notice(.aborting), .stop,
            ])
        // The others stop because of it: reported, but no second stop.
        #expect(
            state.handle(.exited(name: "web-1", exitCode: 137)) == [
                .status(name: "web-1", text: "exited with code 137")
            ])
        #expect(state.outcome == .status(7))
    }

    @Test func exitCodeFromAbortsAndTakesThatServicesCode() {
        var state = Self.state(exitCodeFrom: "tests")
        #expect(state.handle(.exited(name: "db-1", exitCode: 0)).contains(.stop))
        #expect(state.outcome == .exitCodeOf(service: "tests"))
    }

    @Test func ctrlCStopsGracefullyThenKills() {
        var state = Self.state()
        #expect(state.handle(.interrupted) == [.notice(.gracefullyStopping), .stop])
        #expect(state.handle(.interrupted) == [.kill])
        #expect(state.handle(.interrupted) == [.kill])
        #expect(state.interruptions == 3)
        #expect(state.outcome == .status(130))
    }

    @Test func ctrlCDuringAnAbortDoesNotStopTwice() {
        var state = Self.state(abort: true)
        _ = state.handle(.exited(name: "web-1", exitCode: 1))
        #expect(state.handle(.interrupted) == [.notice(.gracefullyStopping)])
        #expect(state.outcome == .status(130))
    }
}
