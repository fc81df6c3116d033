import DockerEngine
import Orchestration
import Synchronization

/// The stats streams of the selected project's running containers: each container's latest sample, computed as
/// `docker stats` computes it (``ContainerStatsSample``), sent to the page at most once a second.
final class StatsFollower: Sendable {
    private struct Table {
        var streams: [String: Task<Void, Never>] = [:]
        var samples: [String: ContainerStats] = [:]
        var changed = false
    }

    private let client: EngineClient
    private let table = Mutex(Table())

    init(client: EngineClient) {
        self.client = client
    }

    /// Follows `id`'s stats until ``stop(_:)`` or ``stopAll()``.
    func follow(_ id: String) {
        table.withLock { table in
            guard table.streams[id] == nil else { return }
            table.streams[id] = Task { [client] in
                do {
                    for try await stats in try await client.containerStats(id, stream: true) {
                        let sample = OverviewBuilder.stats(ContainerStatsSample(stats: stats))
                        self.table.withLock {
                            $0.samples[id] = sample
                            $0.changed = true
                        }
                    }
                } catch {}
                self.table.withLock { _ = $0.streams.removeValue(forKey: id) }
            }
        }
    }

    func stop(_ id: String) {
        table.withLock { table in
            table.streams.removeValue(forKey: id)?.cancel()
            table.samples[id] = nil
            table.changed = true
        }
    }

    func stopAll() {
        table.withLock { table in
            for stream in table.streams.values { stream.cancel() }
            table.streams = [:]
        }
    }

    /// Sends the samples, by container id, every second when they changed; until cancelled.
    func publish(to sink: EventSink) async {
        while (try? await Task.sleep(for: .seconds(1))) != nil {
            let samples: [String: ContainerStats]? = table.withLock { table in
                defer { table.changed = false }
                return table.changed ? table.samples : nil
            }
            if let samples { sink.send("stats", samples) }
        }
    }
}
