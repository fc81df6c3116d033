import Foundation

/// The Swarm endpoints of a manager: services, tasks, nodes, secrets and configs.
extension EngineClient {
    /// The Swarm kinds whose objects are listed, created and removed alike.
    public enum SwarmKind: String, Sendable {
        case services, secrets, configs, nodes
    }

    /// `GET /services`, `/secrets`, `/configs` or `/nodes`.
    public func listSwarmObjects(_ kind: SwarmKind, filters: EngineFilters = [:]) async throws -> [SwarmObject] {
        var query = QueryBuilder()
        query.add("filters", filters)
        return try await decode([SwarmObject].self, from: EngineRequest(.get, "/\(kind.rawValue)", query: query.items))
    }

    /// `GET /{kind}/{id}`.
    public func inspectSwarmObject(_ kind: SwarmKind, _ idOrName: String) async throws -> SwarmObject {
        try await decode(SwarmObject.self, from: EngineRequest(.get, "/\(kind.rawValue)/\(Self.segment(idOrName))"))
    }

    /// `POST /{kind}/create` with `spec`; returns the new object's id. `registryAuth` (services only) lets the
    /// nodes pull a private image.
    public func createSwarmObject(_ kind: SwarmKind, spec: JSONValue, registryAuth: String? = nil) async throws
        -> String
    {
        var request = try EngineRequest.json(.post, "/\(kind.rawValue)/create", body: spec)
        if let registryAuth { request.headers.append(("X-Registry-Auth", registryAuth)) }
        let created = try await send(request)
        let answer = try Self.decode(JSONValue.self, from: created.body)
        guard let id = answer["ID"]?.stringValue ?? answer["Id"]?.stringValue else {
            throw EngineError.protocolError("the manager's answer has no ID")
        }
        return id
    }

    /// `POST /services/{id}/update?version=N` with the whole new spec; the nodes roll it out by the service's update
    /// config. Returns the manager's warnings.
    @discardableResult
    public func updateService(_ id: String, version: Int64, spec: JSONValue, registryAuth: String? = nil)
        async throws -> [String]
    {
        var request = try EngineRequest.json(
            .post, "/services/\(Self.segment(id))/update", query: [("version", String(version))], body: spec)
        if let registryAuth { request.headers.append(("X-Registry-Auth", registryAuth)) }
        let answer = try Self.decode(JSONValue.self, from: try await send(request).body)
        return answer["Warnings"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// `DELETE /{kind}/{id}`.
    public func removeSwarmObject(_ kind: SwarmKind, _ id: String) async throws {
        _ = try await send(EngineRequest(.delete, "/\(kind.rawValue)/\(Self.segment(id))"))
    }

    /// `GET /tasks`.
    public func listTasks(filters: EngineFilters = [:]) async throws -> [SwarmTask] {
        var query = QueryBuilder()
        query.add("filters", filters)
        return try await decode([SwarmTask].self, from: EngineRequest(.get, "/tasks", query: query.items))
    }

    /// The last `tail` lines a task's container wrote (`GET /tasks/{id}/logs`), both streams.
    public func taskLogs(_ id: String, tail: Int) async throws -> [String] {
        let request = EngineRequest(
            .get, "/tasks/\(Self.segment(id))/logs",
            query: [("stdout", "1"), ("stderr", "1"), ("tail", String(tail))])
        let response = try await stream(request)
        var text = ""
        for try await frame in LogStream(base: response.body, mode: .multiplexed) {
            text += String(decoding: frame.bytes, as: UTF8.self)
        }
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}
