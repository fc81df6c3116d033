import DockerEngine
import Foundation
import Orchestration

/// `GET /api/projects/NAME/logs?service=S&tail=N`: the project's (or one service's) containers' output, the last
/// `tail` lines of each and then live, interleaved as it comes, with the engine's timestamp on each line; containers
/// that start later (a restart, an `up`) join from their start. The same streaming as `pier logs --follow`.
struct LogFeed: Sendable {
    let client: EngineClient
    let project: String
    let service: String?
    let tail: Int

    func run(_ sink: EventSink) async {
        let services = service.map { [$0] } ?? []
        let lines = PageLogSink(sink: sink)
        let streaming = ContainerLogStreaming(
            client: client, sink: lines, options: LogsOptions(follow: true, tail: tail, timestamps: true))
        do {
            let events = try await ProjectEvents.stream(client: client, project: project)
            // A container that started before the list is streamed from the list, one that starts after from its
            // start event (a restart is a new start: the engine ends the follow of the run before).
            let listed = Int64(Date().timeIntervalSince1970 * 1_000_000_000)
            let containers = try await ProjectContainerQuery(client: client, project: project)
                .containers(all: true, services: services)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for container in containers {
                    group.addTask { try? await streaming.stream(container.id, name: container.nameWithoutProject) }
                }
                for try await engineEvent in events {
                    guard let event = ComposeEvent(engineEvent, services: services) else { continue }
                    let name = ContainerSummary.nameWithoutProject(
                        event.attributes["name"] ?? "", project: project, service: event.service,
                        number: event.composeLabels[ComposeLabels.containerNumber] ?? "")
                    switch event.action {
                    case "start" where event.timeNano >= listed:
                        let since = ContainerLogStreaming.unixTimestamp(nanoseconds: event.timeNano)
                        group.addTask { try? await streaming.stream(event.containerID, name: name, since: since) }
                    case "die":
                        lines.status(name, "exited with code \(event.attributes["exitCode"] ?? "?")")
                    default: break
                    }
                }
            }
        } catch is CancellationError {
        } catch {
            sink.send("failure", ["message": String(describing: error)])
        }
    }
}

/// One line of a container's output, as the page receives it.
struct LogLine: Codable, Sendable {
    /// The container's name without the project (`web-1`).
    var container: String
    /// The engine's timestamp (RFC 3339, nanoseconds) of the line, empty for Pier's own status lines.
    var time: String
    var line: String
    /// Whether this is a line of Pier's (`exited with code 0`) rather than the container's.
    var isStatus: Bool
}

/// Sends each line to the page, its engine timestamp apart.
struct PageLogSink: LogSink {
    let sink: EventSink

    func register(_ name: String) {}

    func log(_ name: String, _ line: String) {
        let time = line.prefix { $0 != " " }
        let text = time.count < line.count ? line[line.index(after: time.endIndex)...] : ""
        sink.send("log", LogLine(container: name, time: String(time), line: String(text), isStatus: false))
    }

    func status(_ name: String, _ text: String) {
        sink.send("log", LogLine(container: name, time: "", line: text, isStatus: true))
    }

    func warn(_ message: String) {
        sink.send("log", LogLine(container: "", time: "", line: message, isStatus: true))
    }
}
