import DockerEngine
import Foundation

/// What the fake engine holds, and its event stream.
extension FakeEngine {
    struct Container {
        var id: String
        var name: String
        var image: String
        var labels: [String: String]
        /// Whether the create body asked for a healthcheck (the engine then reports a health status).
        var hasHealthcheck: Bool
        /// The networks the create body connects it to.
        var networks: [String] = []
        var status = "created"
        var health: String?
        var exitCode = 0

        var service: String { labels["com.docker.compose.service"] ?? "" }
    }

    struct State {
        var images: Set<String>
        var containers: [String: Container] = [:]
        var networks: [String: [String: String]] = [:]
        var volumes: [String: [String: String]] = [:]
        /// Endpoints left on a network for containers that are gone, by network: their containers' names.
        var staleEndpoints: [String: [String]] = [:]
        /// Networks on which the engine counts an endpoint that nothing lists or names.
        var phantomEndpoints: Set<String> = []
        var journal: [String] = []
        var subscribers: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]
        var exitWaiters: [String: [CheckedContinuation<Int, Never>]] = [:]
        /// The scripted lives of started containers, cancelled when the fake goes away.
        var living: [Task<Void, Never>] = []
        var created = 0

        init(images: Set<String>) {
            self.images = Set(images.map(FakeEngine.fullReference))
        }

        /// The container `idOrName` names.
        func container(_ idOrName: String) -> Container? {
            containers[idOrName] ?? containers.values.first { $0.name == idOrName }
        }
    }

    /// `busybox` is `busybox:latest`.
    static func fullReference(_ image: String) -> String {
        image.split(separator: "/").last?.contains(":") == true ? image : image + ":latest"
    }

    /// The id the fake gives `image`: the same for the same name, in every run (FNV-1a of the name).
    static func imageID(_ image: String) -> String {
        let hash = fullReference(image).utf8.reduce(UInt64(0xcbf2_9ce4_8422_2325)) {
            ($0 ^ UInt64($1)) &* 0x100_0000_01b3
        }
        return "sha256:" + String(format: "%064llx", hash)
    }

    /// Writes `entry` (by default `ACTION NAME`) in the journal and sends a container event to whoever follows.
    func record(
        _ action: String, id: String, name: String, attributes: [String: String] = [:], journal entry: String? = nil
    ) {
        let labels = state.withLock { $0.containers[id]?.labels ?? [:] }
        let now = Date().timeIntervalSince1970
        let event: JSONValue = [
            "Type": "container", "Action": .string(action), "scope": "local",
            "Actor": [
                "ID": .string(id),
                "Attributes": .object(
                    labels.merging(attributes) { $1 }.merging(["name": name]) { $1 }.mapValues(JSONValue.string)),
            ],
            "time": .integer(Int64(now)), "timeNano": .integer(Int64(now * 1e9)),
        ]
        let line = Array((try? JSONEncoder().encode(event)) ?? Data()) + [UInt8(ascii: "\n")]
        let subscribers = state.withLock { state in
            state.journal.append(entry ?? "\(action) \(name)")
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers { subscriber.yield(line) }
    }

    /// A stream of the events from now on, one JSON line each.
    func subscribe() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        let token = UUID()
        state.withLock { $0.subscribers[token] = continuation }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: token) }
        }
        return stream
    }

    /// Ends the containers' scripted lives, every event stream and every wait: the fake is going away.
    func shutDown() {
        let (subscribers, living, waiters) = state.withLock { state in
            defer { (state.subscribers, state.living, state.exitWaiters) = ([:], [], [:]) }
            return (Array(state.subscribers.values), state.living, state.exitWaiters.values.flatMap { $0 })
        }
        for task in living { task.cancel() }
        for subscriber in subscribers { subscriber.finish() }
        for waiter in waiters { waiter.resume(returning: -1) }
    }

    /// Waits until `id` is not running; its exit code.
    func waitForExit(_ id: String) async -> Int {
        await withCheckedContinuation { continuation in
            let code = state.withLock { state -> Int? in
                guard let container = state.containers[id] else { return -1 }
                if container.status != "running" { return container.exitCode }
                state.exitWaiters[id, default: []].append(continuation)
                return nil
            }
            if let code { continuation.resume(returning: code) }
        }
    }
}
