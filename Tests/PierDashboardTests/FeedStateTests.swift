import DockerEngine
import Foundation
import Testing

@testable import PierDashboard

/// Which engine events make the page's views stale, and whose stats are followed.
struct FeedStateTests {
    static func event(_ action: String, project: String = "shop", id: String = "c1", oneOff: Bool = false)
        throws -> EngineEvent
    {
        let json = """
            {"Type": "container", "Action": "\(action)", "Actor": {"ID": "\(id)", "Attributes": {
            "com.docker.compose.project": "\(project)", "com.docker.compose.service": "web",
            "com.docker.compose.oneoff": "\(oneOff ? "True" : "False")", "name": "\(project)-web-1"}},
            "time": 1, "timeNano": 1000000000}
            """
        return try JSONDecoder().decode(EngineEvent.self, from: Data(json.utf8))
    }

    @Test func aStartInTheSelectedProjectFollowsItsStats() throws {
        var state = FeedState(selected: "shop")
        #expect(state.handle(try Self.event("start")) == [.followStats(id: "c1")])
        #expect(state.takeStale() == (projects: true, detail: true))
        #expect(state.takeStale() == (projects: false, detail: false))
    }

    @Test func aDeathStopsThem() throws {
        var state = FeedState(selected: "shop")
        #expect(state.handle(try Self.event("die")) == [.stopStats(id: "c1")])
        #expect(state.handle(try Self.event("destroy")) == [.stopStats(id: "c1")])
        #expect(state.handle(try Self.event("stop")) == [])
    }

    @Test func anotherProjectOnlyChangesTheList() throws {
        var state = FeedState(selected: "shop")
        #expect(state.handle(try Self.event("start", project: "other")) == [])
        #expect(state.takeStale() == (projects: true, detail: false))
    }

    @Test func healthChangesTheDetailNotTheList() throws {
        var state = FeedState(selected: "shop")
        _ = state.handle(try Self.event("health_status: healthy"))
        #expect(state.takeStale() == (projects: false, detail: true))
        _ = state.handle(try Self.event("health_status: unhealthy", project: "other"))
        #expect(state.takeStale() == (projects: false, detail: false))
    }

    /// A health check is an exec: when it ends, its output is new.
    @Test func anExecEndingRereadsTheSelectedProject() throws {
        var state = FeedState(selected: "shop")
        _ = state.handle(try Self.event("exec_die"))
        #expect(state.takeStale() == (projects: false, detail: true))
        _ = state.handle(try Self.event("exec_start: sh -c true"))
        _ = state.handle(try Self.event("attach"))
        #expect(state.takeStale() == (projects: false, detail: false))
    }

    @Test func oneOffContainersAreLeftOut() throws {
        var state = FeedState(selected: "shop")
        #expect(state.handle(try Self.event("start", oneOff: true)) == [])
        #expect(state.takeStale() == (projects: false, detail: false))
    }

    @Test func withoutSelectionOnlyTheListIsRead() throws {
        var state = FeedState(selected: nil)
        #expect(state.handle(try Self.event("start")) == [])
        #expect(state.takeStale() == (projects: true, detail: false))
    }
}
