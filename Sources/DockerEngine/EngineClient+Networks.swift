extension EngineClient {
    /// `GET /networks`.
    public func listNetworks(filters: EngineFilters = [:]) async throws -> [Network] {
        var query = QueryBuilder()
        query.add("filters", filters)
        return try await decode([Network].self, from: EngineRequest(.get, "/networks", query: query.items))
    }

    /// `GET /networks/{id}`, with its attached containers.
    public func inspectNetwork(_ idOrName: String) async throws -> Network {
        try await decode(Network.self, from: EngineRequest(.get, "/networks/\(Self.segment(idOrName))"))
    }

    /// `POST /networks/create`: `body` is the API's network config (`Name`, `Driver`, `IPAM`, `Labels`, …).
    /// A taken name is a `.conflict` (with `CheckDuplicate`).
    public func createNetwork(body: JSONValue) async throws -> NetworkCreated {
        try await decode(NetworkCreated.self, from: .json(.post, "/networks/create", body: body))
    }

    /// `DELETE /networks/{id}`; a network in use is a `.forbidden` or `.conflict` depending on the engine.
    public func removeNetwork(_ idOrName: String) async throws {
        _ = try await send(EngineRequest(.delete, "/networks/\(Self.segment(idOrName))"))
    }

    /// `POST /networks/{id}/connect`: attaches a container; `endpointConfig` is the API's `EndpointConfig`
    /// (`Aliases`, `IPAMConfig`, …). With API < 1.44 a container joins one network at create and each other
    /// one through this call.
    public func connectNetwork(_ idOrName: String, container: String, endpointConfig: JSONValue? = nil) async throws {
        var body: [String: JSONValue] = ["Container": .string(container)]
        if let endpointConfig { body["EndpointConfig"] = endpointConfig }
        _ = try await send(.json(.post, "/networks/\(Self.segment(idOrName))/connect", body: .object(body)))
    }

    /// `POST /networks/{id}/disconnect`.
    public func disconnectNetwork(_ idOrName: String, container: String, force: Bool = false) async throws {
        let body: JSONValue = ["Container": .string(container), "Force": .bool(force)]
        _ = try await send(.json(.post, "/networks/\(Self.segment(idOrName))/disconnect", body: body))
    }
}
