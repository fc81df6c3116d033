import DockerEngine
import Orchestration

/// `GET /api/events?project=NAME`: the project list (`projects`), the selected project in detail (`project`) and
/// its containers' stats (`stats`), each sent at once and again when the engine's event stream says it changed.
/// No polling: a change made from a terminal reaches the page as soon as the engine reports it.
struct ProjectFeed: Sendable {
    let reader: EngineReader
    let selected: String?

    /// How long a burst of events (a restart is kill, die, stop, start, restart) is gathered into one read.
    static let gathering = Duration.milliseconds(60)

    func run(_ sink: EventSink) async {
        let stats = StatsFollower(client: reader.client)
        defer { stats.stopAll() }
        do {
            var filters = EngineFilters()
            filters.add("type", "container")
            filters.add("label", ComposeLabels.project)
            // Listening before the first read: nothing that happens in between is missed.
            let events = try await reader.client.events(filters: filters)
            try await sendProjects(sink)
            for container in try await sendDetail(sink)?.services.flatMap(\.containers) ?? []
            where container.state == "running" {
                stats.follow(container.id)
            }
            let state = SharedFeedState(selected: selected)
            let (pokes, poke) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in pokes {
                        try await Task.sleep(for: Self.gathering)
                        let stale = state.takeStale()
                        if stale.projects { try await sendProjects(sink) }
                        if stale.detail { try await sendDetail(sink) }
                    }
                }
                group.addTask { await stats.publish(to: sink) }
                for try await event in events {
                    for action in state.handle(event) {
                        switch action {
                        case .followStats(let id): stats.follow(id)
                        case .stopStats(let id): stats.stop(id)
                        }
                    }
                    poke.yield()
                }
                throw DashboardError("the engine's event stream ended")
            }
        } catch is CancellationError {
        } catch {
            sink.send("failure", ["message": String(describing: error)])
        }
    }

    private func sendProjects(_ sink: EventSink) async throws {
        sink.send("projects", try await reader.projects())
    }

    @discardableResult
    private func sendDetail(_ sink: EventSink) async throws -> ProjectOverview? {
        guard let selected else { return nil }
        let overview = try await reader.overview(selected)
        sink.send("project", ProjectMessage(name: selected, overview: overview))
        return overview
    }
}

/// The selected project, or its absence (`overview` nil: no containers and never seen).
struct ProjectMessage: Codable, Sendable {
    var name: String
    var overview: ProjectOverview?
}
