import DockerEngine
import Foundation

/// Streams the logs of a project's containers into a ``LogSink``, several at once, and with `--follow`
/// attaches to containers that start while it runs.
public struct ContainerLogStreaming: Sendable {
    public let client: EngineClient
    public let sink: any LogSink
    /// The engine's options for every container; `follow` also watches the project's events.
    public let options: LogsOptions

    public init(client: EngineClient, sink: any LogSink, options: LogsOptions) {
        self.client = client
        self.sink = sink
        self.options = options
    }

    /// Streams `containers` until their logs end; with `follow`, until every followed container has exited for
    /// good (as Compose's `logs -f` ends), reading `events` to attach to containers that (re)start.
    public func run(_ containers: [ContainerSummary], events: EventStream?, services: [String]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for container in containers {
                group.addTask { try await stream(container.id, name: container.nameWithoutProject) }
            }
            if let events, !containers.isEmpty {
                try await follow(events, containerIDs: containers.map(\.id), services: services, group: &group)
            }
            // Every container followed has stopped, so its stream ends once its last lines are out.
            try await group.waitForAll()
        }
    }

    /// Handles the project's container events until following is over.
    private func follow(
        _ events: EventStream, containerIDs: [String], services: [String],
        group: inout ThrowingTaskGroup<Void, any Error>
    ) async throws {
        var state = LogFollowState(containerIDs: containerIDs)
        for try await engineEvent in events {
            guard let event = ComposeEvent(engineEvent, services: services),
                let followEvent = try await followEvent(for: event)
            else { continue }
            let name = Self.displayName(event)
            for action in state.handle(followEvent) {
                switch action {
                case .attach(let id):
                    let since = Self.unixTimestamp(nanoseconds: event.timeNano)
                    sink.register(name)
                    group.addTask { try await stream(id, name: name, since: since) }
                case .status(let name, let text):
                    sink.status(name, text)
                }
            }
            if state.isFinished { return }
        }
    }

    /// The follow event for `event`; nil for actions that change nothing. A death is looked at closer: a
    /// container the engine restarts (or still shows running, during `restart`) is not over.
    private func followEvent(for event: ComposeEvent) async throws -> LogFollowState.Event? {
        let id = event.containerID
        switch event.action {
        case "create": return .created(id: id, replacing: event.composeLabels[ComposeLabels.replace])
        case "start": return .started(id: id)
        case "die":
            var restarting = false
            do {
                let state = try await client.inspectContainer(id).state
                restarting = state.isRestarting || state.isRunning
            } catch let error as EngineError where error.code == .notFound {
                // Removed already: it is over.
            }
            let exitCode = Int(event.attributes["exitCode"] ?? "") ?? 0
            return .died(id: id, name: Self.displayName(event), exitCode: exitCode, restarting: restarting)
        default: return nil
        }
    }

    /// The container's name without the project when it is the default name, from the event's attributes
    /// (which carry the container's labels).
    static func displayName(_ event: ComposeEvent) -> String {
        ContainerSummary.nameWithoutProject(
            event.attributes["name"] ?? "", project: event.composeLabels[ComposeLabels.project] ?? "",
            service: event.service, number: event.composeLabels[ComposeLabels.containerNumber] ?? "")
    }

    /// One container's output, line by line. stdout and stderr share one line buffer, as in Compose (which
    /// also prints both on its standard output).
    public func stream(_ id: String, name: String, since: String? = nil) async throws {
        var containerOptions = options
        if let since { containerOptions.since = since }
        var splitter = LogLineSplitter()
        do {
            for try await frame in try await client.containerLogs(id, options: containerOptions) {
                for line in splitter.feed(frame.bytes) { sink.log(name, line) }
            }
        } catch let error as EngineError where error.code == .notFound {
            // Removed while listed or followed: nothing more to show.
        } catch let error as EngineError where error.status == 501 {
            // A log driver that cannot be read (`none`): Compose warns and goes on.
            sink.warn("Can't retrieve logs for \"\(name)\": \(error.message)")
        }
        if let rest = splitter.flush() { sink.log(name, rest) }
    }

    /// The engine's `seconds.nanoseconds` form of a time.
    public static func unixTimestamp(nanoseconds: Int64) -> String {
        let seconds = nanoseconds / 1_000_000_000
        return String(format: "%lld.%09lld", seconds, nanoseconds - seconds * 1_000_000_000)
    }
}

/// Cuts output into lines at `\n`, keeping a `\r` before it as Compose does (a TTY's lines end in `\r\n`).
public struct LogLineSplitter: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// The lines `bytes` complete.
    public mutating func feed(_ bytes: [UInt8]) -> [String] {
        pending += bytes
        var lines: [String] = []
        var start = 0
        while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(String(decoding: pending[start..<newline], as: UTF8.self))
            start = newline + 1
        }
        pending.removeFirst(start)
        return lines
    }

    /// The last line when the output did not end with a newline.
    public mutating func flush() -> String? {
        defer { pending = [] }
        return pending.isEmpty ? nil : String(decoding: pending, as: UTF8.self)
    }
}
