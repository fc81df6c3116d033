import DockerEngine
import Foundation
import Testing

@testable import Orchestration

/// `logs --follow`'s decisions as containers start, die and are recreated, and the events it reads.
@Suite struct LogFollowReadCommandsTests {
    @Test func followingEndsWhenEveryWatchedContainerHasExited() {
        var state = LogFollowState(containerIDs: ["a", "b"])
        #expect(
            state.handle(.died(id: "a", name: "web-1", exitCode: 0, restarting: false)) == [
                .status(name: "web-1", text: "exited with code 0")
            ])
        #expect(!state.isFinished)
        _ = state.handle(.died(id: "b", name: "web-2", exitCode: 137, restarting: false))
        #expect(state.isFinished)
    }

    @Test func aRestartingContainerStaysWatchedAndIsAttachedAgain() {
        var state = LogFollowState(containerIDs: ["a"])
        #expect(
            state.handle(.died(id: "a", name: "web-1", exitCode: 1, restarting: true)) == [
                .status(name: "web-1", text: "exited with code 1 (restarting)")
            ])
        #expect(!state.isFinished)
        #expect(state.handle(.started(id: "a")) == [.attach(id: "a")])
    }

    @Test func containersStartedMeanwhileAreFollowedToo() {
        var state = LogFollowState(containerIDs: ["a"])
        #expect(state.handle(.created(id: "c", replacing: nil)) == [])
        #expect(state.handle(.started(id: "c")) == [.attach(id: "c")])
        _ = state.handle(.died(id: "a", name: "web-1", exitCode: 0, restarting: false))
        #expect(!state.isFinished)
        _ = state.handle(.died(id: "c", name: "web-2", exitCode: 0, restarting: false))
        #expect(state.isFinished)
    }

    @Test func aRecreationIsReportedUnderTheReplacedName() {
        var state = LogFollowState(containerIDs: ["a"])
        #expect(
            state.handle(.created(id: "b", replacing: "web-1")) == [
                .status(name: "web-1", text: "has been recreated")
            ])
    }

    static func event(action: String = "start", type: String = "container", attributes: [String: String]) throws
        -> EngineEvent
    {
        let attributesJSON = String(decoding: try JSONEncoder().encode(attributes), as: UTF8.self)
        let json = """
            {"Type":"\(type)","Action":"\(action)","Actor":{"ID":"abc","Attributes":\(attributesJSON)},
             "time":1700000000,"timeNano":1700000000123456789}
            """
        return try JSONDecoder().decode(EngineEvent.self, from: Data(json.utf8))
    }

    @Test func eventsKeepServiceContainersAndDropComposeLabels() throws {
        let attributes = [
            "com.docker.compose.service": "web", "com.docker.compose.oneoff": "False", "name": "demo-web-1",
            "image": "busybox",
        ]
        let event = try #require(ComposeEvent(try Self.event(attributes: attributes)))
        #expect(event.service == "web" && event.action == "start" && event.timeNano == 1_700_000_000_123_456_789)
        #expect(event.attributes == ["name": "demo-web-1", "image": "busybox"])
        #expect(event.composeLabels["com.docker.compose.service"] == "web")
        #expect(ComposeEvent(try Self.event(attributes: attributes), services: ["db"]) == nil)
        #expect(ComposeEvent(try Self.event(type: "network", attributes: attributes)) == nil)
        var oneOff = attributes
        oneOff["com.docker.compose.oneoff"] = "True"
        #expect(ComposeEvent(try Self.event(attributes: oneOff)) == nil)
    }
}
