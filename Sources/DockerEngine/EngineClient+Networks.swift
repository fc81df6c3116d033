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

    /// `DELETE /networks/{id}`; a network in use is a `.forbidden` or `.conflict` depending on the engine. Sent
    /// again when its connection breaks: a network found gone then was removed by the first.
    public func removeNetwork(_ idOrName: String) async throws {
        let request = EngineRequest(.delete, "/networks/\(Self.segment(idOrName))")
        try await resending({ _ = try await send(request) }, wentThrough: { $0.code == .notFound ? () : nil })
    }

    /// `POST /networks/{id}/connect`: attaches a container; `endpointConfig` is the API's `EndpointConfig`
    /// (`Aliases`, `IPAMConfig`, …). With API < 1.44 a container joins one network at create and each other
    /// one through this call.
    /// Sent again when its connection breaks: a container found attached then was attached by the first.
    public func connectNetwork(_ idOrName: String, container: String, endpointConfig: JSONValue? = nil) async throws {
        var body: [String: JSONValue] = ["Container": .string(container)]
        if let endpointConfig { body["EndpointConfig"] = endpointConfig }
        let request = try EngineRequest.json(.post, "/networks/\(Self.segment(idOrName))/connect", body: .object(body))
        try await resending(
            { _ = try await send(request) },
            wentThrough: { _ in await isAttached(container, to: idOrName) ? () : nil })
    }

    /// `POST /networks/{id}/disconnect`. Sent again when its connection breaks: a container found detached then
    /// was detached by the first.
    public func disconnectNetwork(_ idOrName: String, container: String, force: Bool = false) async throws {
        let body: JSONValue = ["Container": .string(container), "Force": .bool(force)]
        let request = try EngineRequest.json(.post, "/networks/\(Self.segment(idOrName))/disconnect", body: body)
        try await resending(
            { _ = try await send(request) },
            wentThrough: { _ in await isAttached(container, to: idOrName) ? nil : () })
    }
}
