import PierTestSupport
import Testing

@testable import DockerEngine

@Suite(.requiresEngine) struct LogsEngineTests {
    @Test func separatesStdoutAndStderr() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            // The engine copies each stream on its own: `err` goes a second before the last lines, so that it is
            // not the last line of the log even on a loaded machine (`tail` counts lines of both streams).
            let id = try await fixture.makeContainer(["sh", "-c", "echo err >&2; sleep 1; echo out; echo out2"])
            _ = try await engine.waitContainer(id)
            let frames = try await EngineFixture.collect(engine.containerLogs(id))
            #expect(EngineFixture.text(frames, .stdout) == "out\nout2\n")
            #expect(EngineFixture.text(frames, .stderr) == "err\n")

            let stdoutOnly = try await EngineFixture.collect(
                engine.containerLogs(id, options: LogsOptions(stderr: false, tail: 1)))
            #expect(stdoutOnly.map(\.text) == ["out2\n"])

            let stamped = try await EngineFixture.collect(
                engine.containerLogs(id, options: LogsOptions(stderr: false, timestamps: true)))
            #expect(stamped.first?.text.hasSuffix(" out\n") == true)
            #expect(stamped.first?.text.first?.isNumber == true)
        }
    }

    @Test func ttyContainerLogsAreRaw() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let id = try await fixture.makeContainer(["sh", "-c", "echo out; echo err >&2"], extra: ["Tty": true])
            _ = try await engine.waitContainer(id)
            let frames = try await EngineFixture.collect(engine.containerLogs(id))
            #expect(frames.allSatisfy { $0.source == .stdout })
            let text = EngineFixture.text(frames, .stdout)
            #expect(text.contains("out\r\n") && text.contains("err\r\n"))
        }
    }

    @Test func followingStopsWhenTheConsumerStops() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let id = try await fixture.makeContainer([
                "sh", "-c", "i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.05; done",
            ])
            let lines = try await withTimeout(20, "three followed log lines") {
                var lines: [String] = []
                for try await frame in try await engine.containerLogs(id, options: LogsOptions(follow: true)) {
                    lines.append(frame.text)
                    if lines.count == 3 { break }
                }
                return lines
            }
            #expect(lines.first == "tick 0\n")
            #expect(lines.count == 3)
        }
    }

    @Test func followEndsWhenTheContainerExits() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let id = try await fixture.makeContainer(["sh", "-c", "sleep 0.3; echo bye"])
            let frames = try await withTimeout(20, "followed logs end with the container") {
                try await EngineFixture.collect(engine.containerLogs(id, options: LogsOptions(follow: true)))
            }
            #expect(EngineFixture.text(frames, .stdout) == "bye\n")
        }
    }
}
