import DockerEngine
import Foundation
import Testing

@testable import Orchestration

/// BuildKit's plain output, from progress updates as the engine sends them.
@Suite struct BuildKitProgressStateTests {
    static let start = Date(timeIntervalSince1970: 1_000)

    static func step(
        _ digest: String, _ name: String, started: Double? = 0, completed: Double? = nil, cached: Bool = false,
        error: String? = nil
    ) -> BuildKitProgress.Step {
        BuildKitProgress.Step(
            digest: digest, name: name, inputs: [], cached: cached, started: started.map { start + $0 },
            completed: completed.map { start + $0 }, error: error)
    }

    static func update(
        steps: [BuildKitProgress.Step] = [], progress: [BuildKitProgress.StepProgress] = [],
        logs: [BuildKitProgress.Log] = []
    ) -> BuildKitProgress {
        BuildKitProgress(steps: steps, progress: progress, logs: logs, warnings: [])
    }

    @Test func stepsAreNumberedNamedWithTheServiceAndTimed() {
        var state = BuildKitProgressState(service: "web")
        var lines = state.apply(
            Self.update(steps: [Self.step("d1", "[internal] load build definition from Dockerfile")]))
        #expect(lines == ["#1 [web internal] load build definition from Dockerfile"])
        #expect(state.currentStep == "[web internal] load build definition from Dockerfile")
        let transfer = BuildKitProgress.StepProgress(
            id: "transferring dockerfile:", step: "d1", name: "transferring", current: 1234, total: 0,
            started: Self.start, completed: Self.start + 0.01)
        lines = state.apply(
            Self.update(
                steps: [Self.step("d1", "[internal] load build definition from Dockerfile", completed: 0.2)],
                progress: [transfer]))
        #expect(lines == ["#1 transferring dockerfile: 1.234kB done", "#1 DONE 0.2s"])
        #expect(state.currentStep == nil)
        lines = state.apply(
            Self.update(steps: [
                Self.step("d2", "[2/3] RUN make", completed: nil), Self.step("d3", "exporting to image", started: nil),
            ]))
        #expect(lines == ["", "#2 [web 2/3] RUN make"])
    }

    @Test func outputLinesCarryTheirTimeAndFailuresTheirOutput() {
        var state = BuildKitProgressState(service: "api")
        _ = state.apply(Self.update(steps: [Self.step("d1", "[1/2] RUN ./test.sh")]))
        let log = BuildKitProgress.Log(
            step: "d1", stream: 1, text: Array("one\ntwo\n".utf8), timestamp: Self.start + 1.25)
        #expect(state.apply(Self.update(logs: [log])) == ["#1 1.250 one", "#1 1.250 two"])
        let failed = Self.step("d1", "[1/2] RUN ./test.sh", completed: 2, error: "exit code: 3")
        #expect(state.apply(Self.update(steps: [failed])) == ["#1 ERROR: exit code: 3"])
        #expect(state.failureSummary == [" > [api 1/2] RUN ./test.sh:", "   one", "   two"])
    }

    @Test func cachedSteps() {
        var state = BuildKitProgressState(service: "web")
        #expect(
            state.apply(Self.update(steps: [Self.step("d1", "[1/2] COPY . /app", completed: 0, cached: true)]))
                == ["#1 [web 1/2] COPY . /app", "#1 CACHED"])
        // The live line shows the step found in the cache until another starts.
        #expect(state.currentStep == "CACHED [web 1/2] COPY . /app")
        _ = state.apply(Self.update(steps: [Self.step("d2", "exporting to image")]))
        #expect(state.currentStep == "[web] exporting to image")
    }

    @Test(arguments: [(42 as Int64, "42B"), (1234, "1.234kB"), (12_345_678, "12.35MB")])
    func sizes(bytes: Int64, text: String) {
        #expect(BuildKitProgressState.size(bytes) == text)
    }
}
