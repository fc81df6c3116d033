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

    /// As the reference: a service declared `attach: false` is left out until it is named.
    @Test func aServiceDeclaredNotToAttachIsAttachedOnlyWhenNamed() {
        var options = AttachedUpState.Options()
        options.unattached = ["quiet"]
        #expect(!AttachedUpState(options: options).attaches("quiet"))
        #expect(AttachedUpState(options: options).attaches("loud"))
        options.services = ["quiet"]
        #expect(AttachedUpState(options: options).attaches("quiet"))
        options.services = []
        options.attach = ["quiet"]
        #expect(AttachedUpState(options: options).attaches("quiet"))
    }

    /// As the reference: once Ctrl+C is pressed, neither the containers' output nor their exits are shown.
    @Test func nothingIsShownOnceCtrlCIsPressed() {
        var state = Self.state()
        #expect(state.showsOutput)
        _ = state.handle(.interrupted)
        #expect(!state.showsOutput)
        #expect(state.handle(.exited(name: "web-1", exitCode: 0)).isEmpty)
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

    /// `--abort-on-container-failure`: a container that exits 0 is only reported; the first failure stops the
    /// project and is the status; the exits the stop causes are not failures of their own.
    @Test func abortOnFailureWaitsForAFailure() {
        var options = AttachedUpState.Options()
        options.abortOnContainerFailure = true
        var state = AttachedUpState(options: options)
        #expect(state.handle(.exited(name: "a-1", exitCode: 0)) == [.status(name: "a-1", text: "exited with code 0")])
        #expect(!state.isStopping)
        #expect(
            state.handle(.exited(name: "b-1", exitCode: 3)) == [
                .status(name: "b-1", text: "exited with code 3"), .notice(.aborting), .stop,
            ])
        #expect(
            state.handle(.exited(name: "c-1", exitCode: 137)) == [
                .status(name: "c-1", text: "exited with code 137")
            ])
        #expect(state.outcome == .status(3))
    }

    @Test func abortOnFailureEndsWithZeroWhenNothingFails() {
        var options = AttachedUpState.Options()
        options.abortOnContainerFailure = true
        var state = AttachedUpState(options: options)
        _ = state.handle(.exited(name: "a-1", exitCode: 0))
        #expect(state.outcome == .status(0))
    }

    /// The menu's detach key leaves everything running and ends with 0; once a stop began, it changes nothing.
    @Test func detachingStopsNothing() {
        var state = Self.state(abort: true)
        #expect(state.handle(.detached) == [])
        #expect(state.isDetached && !state.isStopping)
        #expect(state.outcome == .status(0))
        var stopping = Self.state()
        _ = stopping.handle(.interrupted)
        #expect(stopping.handle(.detached) == [])
        #expect(!stopping.isDetached)
        #expect(stopping.outcome == .status(130))
    }
}
