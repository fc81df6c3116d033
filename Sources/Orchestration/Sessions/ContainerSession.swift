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
        // `run --rm`: the engine removes the container when it exits (`AutoRemove`, as Compose asks for it, so that
        // nothing stays when Pier is killed), so its exit code comes from a wait sent before it starts, which ends
        // once the container is gone (as `docker run --rm` waits).
        let exit: Task<WaitResult, any Error>? =
            self.state.mode == .run(removes: true)
            ? Task { try await client.waitContainer(containerID, condition: .removed) } : nil
        defer { exit?.cancel() }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await signal in signals {
                        for action in state.withLock({ $0.handle(.signal(signal)) }) {
                            _ = try? await perform(action, exit: exit)
                        }
                    }
                }
                try await client.attachContainer(containerID, options: options, isTTY: isTTY) { connection in
                    for action in state.withLock({ $0.handle(.attached) }) { _ = try await perform(action, exit: exit) }
                    try await relay(connection)
                }
                group.cancelAll()
            }
            var event = ContainerSessionState.Event.outputEnded
            while true {
                var next: ContainerSessionState.Event?
                for action in state.withLock({ $0.handle(event) }) {
                    switch try await perform(action, exit: exit) {
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
            for action in state.withLock({ $0.handle(.failed) }) { _ = try? await perform(action, exit: exit) }
            throw error
        }
    }

    /// `run -d`: starts the container, removed again (with `--rm`) when it cannot start.
    public func startDetached() async throws {
        var state = self.state
        do {
            try await client.startContainer(containerID)
        } catch {
            for action in state.handle(.failed) { _ = try? await perform(action, exit: nil) }
            throw error
        }
    }

    private enum Step {
        case event(ContainerSessionState.Event)
        case finished(Int32)
    }

    /// Carries out `action`; `exit` is the wait sent before the start, when there is one.
    private func perform(_ action: ContainerSessionState.Action, exit: Task<WaitResult, any Error>?) async throws
        -> Step?
    {
        switch action {
        case .start:
            try await client.startContainer(containerID)
        case .send(let signal):
            try await client.killContainer(containerID, signal: signal)
        case .waitForExit:
            let result: WaitResult
            if let exit {
                result = try await exit.value
            } else {
                result = try await client.waitContainer(containerID, condition: .notRunning)
            }
            // Killed by a signal: perhaps by an engine that is shutting down (it stops its containers once it
            // takes no more connections), which a look at the engine tells; that it went away is the error then.
            if result.statusCode >= 128 { _ = try await client.ping() }
            return .event(.exited(code: result.statusCode))
        case .inspect:
            let inspected = try await client.inspectContainer(containerID).state
            return .event(inspected.isRunning ? .stillRunning : .exited(code: inspected.exitCode))
        case .remove:
            // As best it can (the engine may be removing it already): the session's own status or error is what
            // the command reports.
            try? await client.removeContainer(containerID, force: true)
        case .finish(let status):
            return .finished(status)
        }
        return nil
    }
}
