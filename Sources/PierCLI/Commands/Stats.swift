import ArgumentParser
import DockerEngine
import Foundation
import Orchestration
import Synchronization

struct Stats: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Display a live stream of container(s) resource usage statistics")
    var global: GlobalOptions { GlobalOptions.current }

    @Flag(name: [.short, .long], help: "Show all containers (default shows just running)") var all = false
    @Option(help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json', 'TEMPLATE'.")
    var format = ""
    @Flag(name: .customLong("no-stream"), help: "Disable streaming stats and only pull the first result")
    var noStream = false
    @Flag(name: .customLong("no-trunc"), help: "Do not truncate output") var noTrunc = false
    @Argument(help: "The service whose containers to show (all when none).") var service: String?

    func run() async throws {
        let services = service.map { [$0] } ?? []
        let target = try ProjectTarget.load(global, services: services)
        try target.requireServices(services)
        let client = try ReadCommand.engine()
        let query = ProjectContainerQuery(client: client, project: target.name)
        let listing = TemplateListFormat(format, defaultTable: StatsPresentation.defaultTable)
        let board = StatsBoard(truncate: !noTrunc)
        let containers = try await query.containers(oneOff: .include, all: all, services: services)
        for container in containers { board.add(container) }
        if noStream {
            try await board.sampleOnce(client: client)
            return try print(board, listing)
        }
        // Live: each container streams its samples, containers that start meanwhile join, and the table is
        // drawn every half second, until Ctrl+C.
        _ = try await Signals.interrupts.cancelling(
            { [all] in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await board.follow(client: client, project: target.name, services: services, all: all)
                    }
                    while true {
                        try await Task.sleep(for: .milliseconds(500))
                        try print(board, listing, clearing: Terminal.isTerminal(1))
                    }
                }
            }, returning: ())
    }

    private func print(_ board: StatsBoard, _ listing: TemplateListFormat, clearing: Bool = false) throws {
        let text: String
        do {
            text = try listing.render(board.rows, titles: StatsPresentation.titles)
        } catch {
            throw CommandFailure("template parsing error: " + error.message)
        }
        Output.write((clearing ? "\u{1B}[2J\u{1B}[H" : "") + text)
    }
}

/// The containers `stats` shows and their latest samples, updated as the engine's samples arrive.
final class StatsBoard: Sendable {
    private let entries = Mutex([String: StatsPresentation]())
    private let truncate: Bool

    init(truncate: Bool) {
        self.truncate = truncate
    }

    /// The lines, by container name.
    var rows: [StatsPresentation] {
        entries.withLock { Array($0.values) }.sorted { $0.name < $1.name }
    }

    func add(_ container: ContainerSummary) {
        entries.withLock { entries in
            if entries[container.id] == nil {
                entries[container.id] = StatsPresentation(
                    containerID: container.id, name: container.canonicalName, sample: nil, truncate: truncate)
            }
        }
    }

    func remove(_ containerID: String) {
        _ = entries.withLock { $0.removeValue(forKey: containerID) }
    }

    private func update(_ containerID: String, _ sample: ContainerStatsSample?) {
        entries.withLock { $0[containerID]?.sample = sample }
    }

    /// One sample of every container, read concurrently.
    func sampleOnce(client: EngineClient) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for entry in rows {
                group.addTask {
                    for try await stats in try await client.containerStats(entry.containerID, stream: false) {
                        self.update(entry.containerID, ContainerStatsSample(stats: stats))
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Streams every container's samples into the board; containers of the project (and service) that start
    /// later join it, and without `all` those that stop leave it.
    func follow(client: EngineClient, project: String, services: [String], all: Bool) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            let events = try await ProjectEvents.stream(client: client, project: project)
            for entry in rows { group.addTask { await self.stream(entry.containerID, client: client) } }
            for try await event in events {
                guard event.type == "container",
                    services.isEmpty || services.contains(event.actor.attributes[ComposeLabels.service] ?? "")
                else { continue }
                let id = event.actor.id
                switch event.action {
                case "start":
                    let known = entries.withLock { $0[id] != nil }
                    guard !known,
                        let container = try? await client.listContainers(all: true, filters: ["id": [id]]).first
                    else { continue }
                    add(container)
                    group.addTask { await self.stream(id, client: client) }
                case "die" where !all, "destroy":
                    remove(id)
                default: break
                }
            }
        }
    }

    private func stream(_ containerID: String, client: EngineClient) async {
        do {
            for try await stats in try await client.containerStats(containerID, stream: true) {
                update(containerID, ContainerStatsSample(stats: stats))
            }
        } catch {
            if !Task.isCancelled { update(containerID, nil) }
        }
    }
}
