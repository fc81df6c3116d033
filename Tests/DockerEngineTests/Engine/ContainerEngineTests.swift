import PierTestSupport
import Testing

@testable import DockerEngine

@Suite(.requiresEngine) struct ContainerEngineTests {
    @Test func lifecycle() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let name = fixture.uniqueName("lifecycle")
            let id = try await fixture.makeContainer(
                ["sleep", "300"], name: name, start: false,
                extra: ["Labels": ["pier.test": "lifecycle", "role": "web"]])
            var inspection = try await engine.inspectContainer(name)
            #expect(inspection.id == id)
            #expect(inspection.name == "/\(name)")
            #expect(inspection.state.status == "created")
            #expect(inspection.config.labels["role"] == "web")
            #expect(inspection.config.command == ["sleep", "300"])

            let listed = try await engine.listContainers(all: true, filters: ["name": [name], "label": ["role=web"]])
            #expect(listed.map(\.id) == [id])
            #expect(listed.first?.names == ["/\(name)"])
            #expect(try await engine.listContainers(filters: ["name": [name]]).isEmpty, "not running yet")

            try await engine.startContainer(id)
            try await engine.startContainer(id)  // already started: 304, not an error
            inspection = try await engine.inspectContainer(id)
            #expect(inspection.state.isRunning)
            #expect(inspection.state.pid > 0)

            try await engine.pauseContainer(id)
            #expect(try await engine.inspectContainer(id).state.status == "paused")
            try await engine.unpauseContainer(id)

            let top = try await engine.topContainer(id)
            #expect(top.titles.contains("PID"))
            #expect(top.processes.contains { $0.joined(separator: " ").contains("sleep 300") })

            let renamed = fixture.uniqueName("renamed")
            try await engine.renameContainer(id, to: renamed)
            #expect(try await engine.inspectContainer(id).name == "/\(renamed)")

            try await engine.restartContainer(id, timeout: 0)
            #expect(try await engine.inspectContainer(id).state.isRunning)

            try await engine.stopContainer(id, timeout: 0)
            try await engine.stopContainer(id, timeout: 0)  // already stopped: 304, not an error
            let waited = try await engine.waitContainer(id)
            #expect(waited.statusCode == 137)
            inspection = try await engine.inspectContainer(id)
            #expect(inspection.state.status == "exited")
            #expect(inspection.state.exitCode == 137)

            try await engine.removeContainer(id, volumes: true)
            await #expect {
                _ = try await engine.inspectContainer(id)
            } throws: { error in
                let error = error as? EngineError
                return error?.code == .notFound && error?.status == 404
                    && error?.message.contains("No such container") == true
            }
        }
    }

    @Test func conflictsAndMissingObjects() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let name = fixture.uniqueName("conflict")
            let id = try await fixture.makeContainer(["sleep", "300"], name: name, start: false)
            await #expect {
                _ = try await engine.createContainer(name: name, body: ["Image": .string(EngineFixture.image)])
            } throws: { error in
                (error as? EngineError)?.code == .conflict
            }
            await #expect {
                try await engine.killContainer(id, signal: "SIGTERM")
            } throws: { error in
                (error as? EngineError)?.code == .conflict
            }
            await #expect {
                try await engine.startContainer(fixture.uniqueName("missing"))
            } throws: { error in
                (error as? EngineError)?.code == .notFound
            }
            await #expect {
                _ = try await engine.createContainer(name: "bad name!", body: ["Image": .string(EngineFixture.image)])
            } throws: { error in
                (error as? EngineError)?.code == .badRequest && "\(error)".contains("Invalid container name")
            }
        }
    }

    @Test func killAndWaitReportExitCodes() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let exits = try await fixture.makeContainer(["sh", "-c", "exit 3"])
            #expect(try await engine.waitContainer(exits, condition: .notRunning).statusCode == 3)

            let sleeper = try await fixture.makeContainer(["sleep", "300"])
            try await engine.killContainer(sleeper, signal: "SIGKILL")
            #expect(try await engine.waitContainer(sleeper).statusCode == 137)
        }
    }

    @Test func waitForNextExitOfAContainerStartedLater() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let id = try await fixture.makeContainer(["sh", "-c", "sleep 0.5; exit 7"], start: false)
            let waiting = Task { try await engine.waitContainer(id, condition: .nextExit) }
            // API 1.41 sends no head before the wait ends, so give the request a moment to be registered.
            try await Task.sleep(for: .milliseconds(300))
            try await engine.startContainer(id)
            #expect(try await waiting.value.statusCode == 7)
        }
    }

    @Test func attachWithStdinBeforeStart() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let id = try await fixture.makeContainer(
                ["sh", "-c", "read line; echo got $line; echo done >&2"], start: false,
                extra: ["OpenStdin": true, "StdinOnce": true, "AttachStdin": true])
            let frames = try await engine.attachContainer(
                id, options: AttachOptions(stdin: true, stdout: true, stderr: true), isTTY: false
            ) { connection in
                try await engine.startContainer(id)
                try await connection.write("hello\n")
                connection.closeInput()
                return try await EngineFixture.collect(connection.frames)
            }
            #expect(EngineFixture.text(frames, .stdout) == "got hello\n")
            #expect(EngineFixture.text(frames, .stderr) == "done\n")
            #expect(try await engine.waitContainer(id).statusCode == 0)
        }
    }
}
