import DockerEngine

/// A session joined to one container's streams, `run` (attached or detached) or `attach`, carried out as
/// ``ContainerSessionState`` decides. Moving the bytes between the container and the local terminal is the
/// command line's part (`relay`).
public struct ContainerSession: Sendable {
    public let client: EngineClient
    public let containerID: String
    public let state: ContainerSessionState
    /// Whether the container has a TTY (its output is then raw terminal bytes).
    public let isTTY: Bool
    /// Whether local standard input goes to the container.
    public var forwardsInput: Bool
    /// Keys that detach from the container (`attach --detach-keys`).
    public var detachKeys: String?

    public init(
        client: EngineClient, containerID: String, state: ContainerSessionState, isTTY: Bool, forwardsInput: Bool
    ) {
        self.client = client
        self.containerID = containerID
        self.state = state
        self.isTTY = isTTY
        self.forwardsInput = forwardsInput
    }

    /// Joins the container's streams, `relay` moving the bytes until the container's output ends, meanwhile
    /// sending it the `signals` the user sends; returns the session's status.
    public func run(
        signals: AsyncStream<ContainerSessionState.Signal>,
        relay: @escaping @Sendable (HijackedConnection) async throws -> Void
    ) async throws -> Int32 {
        let state = SharedState(self.state)
        let options = AttachOptions(
            stdin: forwardsInput, stdout: true, stderr: true, stream: true, detachKeys: detachKeys)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await signal in signals {
                        for action in state.withLock({ $0.handle(.signal(signal)) }) { _ = try? await perform(action) }
                    }
                }
                try await client.attachContainer(containerID, options: options, isTTY: isTTY) { connection in
                    for action in state.withLock({ $0.handle(.attached) }) { _ = try await perform(action) }
                    try await relay(connection)
                }
                group.cancelAll()
            }
            var event = ContainerSessionState.Event.outputEnded
            while true {
                var next: ContainerSessionState.Event?
                for action in state.withLock({ $0.handle(event) }) {
                    switch try await perform(action) {
                    case .event(let following): next = following
                    case .finished(let status): return status
                    case nil: break
                    }
                }
                // Each event after the output ends leads to the next, then to `finish`.
                guard let next else { return 0 }
                event = next
            }
        } catch {
            for action in state.withLock({ $0.handle(.failed) }) { _ = try? await perform(action) }
            throw error
        }
    }

    /// `run -d`: starts the container, removed again (with `--rm`) when it cannot start.
    public func startDetached() async throws {
        var state = self.state
        do {
            try await client.startContainer(containerID)
        } catch {
            for action in state.handle(.failed) { _ = try? await perform(action) }
            throw error
        }
    }

    private enum Step {
        case event(ContainerSessionState.Event)
        case finished(Int32)
    }

    private func perform(_ action: ContainerSessionState.Action) async throws -> Step? {
        switch action {
        case .start:
            try await client.startContainer(containerID)
        case .send(let signal):
            try await client.killContainer(containerID, signal: signal)
        case .waitForExit:
            let result = try await client.waitContainer(containerID, condition: .notRunning)
            return .event(.exited(code: result.statusCode))
        case .inspect:
            let inspected = try await client.inspectContainer(containerID).state
            return .event(inspected.isRunning ? .stillRunning : .exited(code: inspected.exitCode))
        case .remove:
            // As best it can: the session's own status or error is what the command reports.
            try? await client.removeContainer(containerID, force: true)
        case .finish(let status):
            return .finished(status)
        }
        return nil
    }
}
