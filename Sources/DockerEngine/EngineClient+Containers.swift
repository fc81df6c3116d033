extension EngineClient {
    /// `GET /containers/json`: running containers, or all with `all`.
    public func listContainers(all: Bool = false, filters: EngineFilters = [:]) async throws -> [ContainerSummary] {
        var query = QueryBuilder()
        query.add("all", all)
        query.add("filters", filters)
        return try await decode(
            [ContainerSummary].self, from: EngineRequest(.get, "/containers/json", query: query.items))
    }

    /// `POST /containers/create`: `body` is the API's container config (`Image`, `Cmd`, `HostConfig`, …).
    /// A named container whose request's connection broke is asked for again; when the name is then taken, the
    /// container holding it is the one asked for if it has the image and every label asked for (the engine created
    /// it before the connection broke).
    public func createContainer(name: String? = nil, body: JSONValue, platform: String? = nil) async throws
        -> ContainerCreated
    {
        var query = QueryBuilder()
        query.add("name", name)
        query.add("platform", platform)
        let request = try EngineRequest.json(.post, "/containers/create", query: query.items, body: body)
        // Without a name, a second create would make a second container.
        guard let name else { return try await decode(ContainerCreated.self, from: request) }
        return try await resending({ try await decode(ContainerCreated.self, from: request) }) { refusal in
            // The engine adds the image's labels to the container's: those asked for must all be there.
            let asked = body["Labels"]?.objectValue ?? [:]
            guard refusal.code == .conflict, let existing = try? await inspectContainer(name),
                existing.config.image == body["Image"]?.stringValue,
                asked.allSatisfy({ existing.config.labels[$0.key] == $0.value.stringValue })
            else { return nil }
            return ContainerCreated(id: existing.id)
        }
    }

    /// `GET /containers/{id}/json`.
    public func inspectContainer(_ id: String) async throws -> ContainerInspection {
        try await decode(ContainerInspection.self, from: EngineRequest(.get, "/containers/\(Self.segment(id))/json"))
    }

    /// `POST /containers/{id}/start`; starting a running container is not an error (the engine answers 304).
    public func startContainer(_ id: String) async throws {
        _ = try await send(EngineRequest(.post, "/containers/\(Self.segment(id))/start").idempotent())
    }

    /// `POST /containers/{id}/stop`: SIGTERM (or the image's stop signal), then SIGKILL after `timeout` seconds
    /// (the container's own default when `nil`). Stopping a stopped container is not an error.
    public func stopContainer(_ id: String, timeout: Int? = nil) async throws {
        var query = QueryBuilder()
        query.add("t", timeout)
        _ = try await send(
            EngineRequest(.post, "/containers/\(Self.segment(id))/stop", query: query.items).idempotent())
    }

    /// `POST /containers/{id}/restart`.
    public func restartContainer(_ id: String, timeout: Int? = nil) async throws {
        var query = QueryBuilder()
        query.add("t", timeout)
        _ = try await send(EngineRequest(.post, "/containers/\(Self.segment(id))/restart", query: query.items))
    }

    /// `POST /containers/{id}/kill` with `signal` (`SIGKILL` when `nil`); a container not running is a
    /// `.conflict`.
    public func killContainer(_ id: String, signal: String? = nil) async throws {
        var query = QueryBuilder()
        query.add("signal", signal)
        _ = try await send(EngineRequest(.post, "/containers/\(Self.segment(id))/kill", query: query.items))
    }

    /// `POST /containers/{id}/pause`.
    public func pauseContainer(_ id: String) async throws {
        _ = try await send(EngineRequest(.post, "/containers/\(Self.segment(id))/pause"))
    }

    /// `POST /containers/{id}/unpause`.
    public func unpauseContainer(_ id: String) async throws {
        _ = try await send(EngineRequest(.post, "/containers/\(Self.segment(id))/unpause"))
    }

    /// `DELETE /containers/{id}`: `force` kills a running container first, `volumes` removes its anonymous
    /// volumes. Sent again when its connection breaks: a container removed then is `.notFound`.
    public func removeContainer(_ id: String, force: Bool = false, volumes: Bool = false) async throws {
        var query = QueryBuilder()
        query.add("force", force)
        query.add("v", volumes)
        _ = try await send(
            EngineRequest(.delete, "/containers/\(Self.segment(id))", query: query.items).idempotent())
    }

    /// `POST /containers/{id}/wait`: waits for `condition` and returns the exit code. With API 1.41 the engine
    /// sends the response head only when the wait ends, so nothing tells that the wait is registered.
    public func waitContainer(_ id: String, condition: WaitCondition = .notRunning) async throws -> WaitResult {
        let request = EngineRequest(
            .post, "/containers/\(Self.segment(id))/wait", query: [("condition", condition.rawValue)]
        ).idempotent()
        return try await decode(WaitResult.self, from: request)
    }

    /// `POST /containers/{id}/rename`. Sent again when its connection breaks: a container found with the new name
    /// then was renamed by the first.
    public func renameContainer(_ id: String, to newName: String) async throws {
        let request = EngineRequest(.post, "/containers/\(Self.segment(id))/rename", query: [("name", newName)])
        try await resending(
            { _ = try await send(request) },
            wentThrough: { _ in (try? await inspectContainer(id))?.name == "/" + newName ? () : nil })
    }

    /// `GET /containers/{id}/top`: the processes, as `ps` with `arguments` (`-ef` by default) shows them.
    public func topContainer(_ id: String, arguments: String? = nil) async throws -> ContainerProcesses {
        var query = QueryBuilder()
        query.add("ps_args", arguments)
        return try await decode(
            ContainerProcesses.self,
            from: EngineRequest(.get, "/containers/\(Self.segment(id))/top", query: query.items))
    }
}
