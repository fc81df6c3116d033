import DockerEngine
import Foundation
import Synchronization

/// An engine in the test process, on a ``TestHTTPServer``: the Engine API endpoints `up` and its waits use (images,
/// networks, volumes, containers, `wait`, `logs`, `events`), for one project, with containers whose lives the test
/// scripts per service. It keeps a journal of what happened, in order, so tests of convergence and waiting logic
/// check ordering and outcomes without an engine and without timing races.
///
/// ```swift
/// try await FakeEngine.with(lives: ["db": .healthy(after: .milliseconds(200))]) { engine in
///     let runtime = try await ProjectRuntime(client: engine.client, project: project, progress: { _ in })
///     try await runtime.up(UpOptions())
///     #expect(engine.journal.firstIndex(of: "healthy proj-db-1")! < engine.journal.firstIndex(of: "start proj-web-1")!)
/// }
/// ```
package final class FakeEngine: Sendable {
    /// What a service's containers do once started.
    package enum Life: Sendable {
        /// Run until stopped; a container with a healthcheck stays `starting`.
        case runs
        /// Run, and pass their healthcheck (if they have one) after `delay`.
        case healthy(after: Duration)
        /// Run, and pass their healthcheck after `delay` with no event for it: an event the engine dropped, or one
        /// lost while the stream was opened again.
        case healthyUnannounced(after: Duration)
        /// Run, and fail their healthcheck (if they have one) after `delay`.
        case unhealthy(after: Duration)
        /// Exit with `code` after `delay`.
        case exits(Int, after: Duration)
        /// Exit with `code` before the start call returns: a one-shot that is over by the time anyone looks.
        case exitsAtOnce(Int)
    }

    /// The API version the fake speaks.
    package static let apiVersion = "1.41"

    /// A client for the fake.
    package let client: EngineClient
    let state: Mutex<State>
    private let lives: [String: Life]
    private let output: [String: [String]]

    private init(port: Int, lives: [String: Life], output: [String: [String]], images: Set<String>) throws {
        client = try EngineClient(endpoint: EngineEndpoint(address: .tcp(host: "127.0.0.1", port: port)))
        self.lives = lives
        self.output = output
        state = Mutex(State(images: images))
    }

    /// Runs `body` with a fake whose services live as `lives` says (`.runs` when not named) and print `output`
    /// (lines, for `logs`); it knows the images `images`.
    @discardableResult
    package static func with<Result>(
        lives: [String: Life] = [:], output: [String: [String]] = [:],
        images: Set<String> = ["pier-test/busybox:latest"], _ body: (FakeEngine) async throws -> Result
    ) async throws -> Result {
        let box = Mutex<FakeEngine?>(nil)
        return try await TestHTTPServer.with(route: { request in
            guard let engine = box.withLock({ $0 }) else { return .silent }
            return engine.answer(request)
        }) { server in
            let engine = try FakeEngine(port: server.port, lives: lives, output: output, images: images)
            box.withLock { $0 = engine }
            defer { engine.shutDown() }
            return try await body(engine)
        }
    }

    /// What happened, in order: `create NAME`, `start NAME`, `healthy NAME`, `unhealthy NAME`, `exit NAME CODE`,
    /// `stop NAME`, `remove NAME`, `rename NAME NEW`, `network NAME`, `volume NAME`, `pull IMAGE`, `remove network
    /// NAME`, `disconnect NAME NETWORK`.
    package var journal: [String] { state.withLock { $0.journal } }

    /// Leaves an endpoint named `container` on `network` for a container that does not exist, as Engine 20.10
    /// now and then keeps one after removing a container.
    package func leaveStaleEndpoint(_ container: String, on network: String) {
        state.withLock { $0.staleEndpoints[network, default: []].append(container) }
    }

    /// Makes `network` count an endpoint that no container holds and no name reaches, as Engine 20.10 now and then
    /// does: it lists no container, and its removal is refused.
    package func leavePhantomEndpoint(on network: String) {
        state.withLock { _ = $0.phantomEndpoints.insert(network) }
    }

    /// The index of `entry` in the journal (nil when it did not happen), for ordering checks.
    package func position(of entry: String) -> Int? { journal.firstIndex(of: entry) }

    /// Starts a container: running, then living as its service says.
    func start(_ id: String) {
        let name = state.withLock { state -> String? in
            guard var container = state.containers[id] else { return nil }
            container.status = "running"
            container.exitCode = 0
            container.health = container.hasHealthcheck ? "starting" : nil
            state.containers[id] = container
            return container.name
        }
        guard let name else { return }
        record("start", id: id, name: name)
        let life = lives[state.withLock { $0.containers[id]?.service } ?? ""] ?? .runs
        if case .exitsAtOnce(let code) = life { return exit(id, code: code) }
        let living = Task { await self.live(life, id: id) }
        state.withLock { $0.living.append(living) }
    }

    private func live(_ life: Life, id: String) async {
        switch life {
        case .runs, .exitsAtOnce:
            return
        case .healthy(let delay):
            guard (try? await Task.sleep(for: delay)) != nil else { return }
            setHealth("healthy", id: id)
        case .healthyUnannounced(let delay):
            guard (try? await Task.sleep(for: delay)) != nil else { return }
            setHealth("healthy", id: id, announced: false)
        case .unhealthy(let delay):
            guard (try? await Task.sleep(for: delay)) != nil else { return }
            setHealth("unhealthy", id: id)
        case .exits(let code, let delay):
            guard (try? await Task.sleep(for: delay)) != nil else { return }
            exit(id, code: code)
        }
    }

    private func setHealth(_ health: String, id: String, announced: Bool = true) {
        let name = state.withLock { state -> String? in
            guard let container = state.containers[id], container.status == "running", container.hasHealthcheck
            else { return nil }
            state.containers[id]?.health = health
            return container.name
        }
        guard let name else { return }
        guard announced else { return state.withLock { $0.journal.append("\(health) \(name)") } }
        record("health_status: \(health)", id: id, name: name, journal: "\(health) \(name)")
    }

    /// Ends a running container with `code`, waking those who wait for it.
    func exit(_ id: String, code: Int) {
        let (name, waiters) = state.withLock { state -> (String?, [CheckedContinuation<Int, Never>]) in
            guard var container = state.containers[id], container.status == "running" else { return (nil, []) }
            container.status = "exited"
            container.exitCode = code
            state.containers[id] = container
            return (container.name, state.exitWaiters.removeValue(forKey: id) ?? [])
        }
        guard let name else { return }
        record("die", id: id, name: name, attributes: ["exitCode": String(code)], journal: "exit \(name) \(code)")
        for waiter in waiters { waiter.resume(returning: code) }
    }

    /// The lines `service` prints.
    func output(of service: String) -> [String] { output[service] ?? [] }
}
