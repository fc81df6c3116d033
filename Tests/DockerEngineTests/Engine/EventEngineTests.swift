import Foundation
import PierTestSupport
import Testing

@testable import DockerEngine

@Suite(.requiresEngine) struct EventEngineTests {
    @Test func seesAContainerStart() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let name = fixture.uniqueName("events")
            let events = try await engine.events(filters: [
                "type": ["container"], "container": [name], "event": ["start"],
            ])
            let id = try await fixture.makeContainer(["sleep", "300"], name: name)
            let event = try await withTimeout(20, "the start event") {
                for try await event in events { return event }
                throw TestSetupError("the event stream ended")
            }
            #expect(event.type == "container")
            #expect(event.action == "start")
            #expect(event.actor.id == id)
            #expect(event.actor.attributes["name"] == name)
            #expect(event.actor.attributes["pier.test"] == "DockerEngineTests")
            #expect(event.timeNano > 0)
        }
    }

    @Test func sinceAndUntilGiveAFiniteHistory() async throws {
        try await EngineFixture.with { fixture in
            let engine = fixture.engine
            let name = fixture.uniqueName("history")
            let before = Int(Date().timeIntervalSince1970) - 1
            let id = try await fixture.makeContainer(["true"], name: name)
            _ = try await engine.waitContainer(id)
            let until = Int(Date().timeIntervalSince1970) + 1
            let actions = try await withTimeout(20, "a finite event history") {
                var actions: [String] = []
                let stream = try await engine.events(
                    filters: ["container": [name]], since: String(before), until: String(until))
                for try await event in stream { actions.append(event.action) }
                return actions
            }
            #expect(Array(actions.prefix(2)) == ["create", "start"])
            #expect(actions.contains("die"))
        }
    }
}
