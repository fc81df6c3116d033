extension EngineClient {
    /// `GET /volumes`.
    public func listVolumes(filters: EngineFilters = [:]) async throws -> VolumeList {
        var query = QueryBuilder()
        query.add("filters", filters)
        return try await decode(VolumeList.self, from: EngineRequest(.get, "/volumes", query: query.items))
    }

    /// `GET /volumes/{name}`.
    public func inspectVolume(_ name: String) async throws -> Volume {
        try await decode(Volume.self, from: EngineRequest(.get, "/volumes/\(Self.segment(name))"))
    }

    /// `POST /volumes/create`: `body` is the API's volume config (`Name`, `Driver`, `DriverOpts`, `Labels`).
    /// Creating an existing volume returns it, so a create whose connection broke is sent again.
    public func createVolume(body: JSONValue) async throws -> Volume {
        try await decode(Volume.self, from: .json(.post, "/volumes/create", body: body).idempotent())
    }

    /// `POST /volumes/create` with the usual fields.
    public func createVolume(
        name: String, driver: String = "local", driverOptions: [String: String] = [:], labels: [String: String] = [:]
    ) async throws -> Volume {
        try await createVolume(body: [
            "Name": .string(name), "Driver": .string(driver),
            "DriverOpts": .object(driverOptions.mapValues(JSONValue.string)),
            "Labels": .object(labels.mapValues(JSONValue.string)),
        ])
    }

    /// `DELETE /volumes/{name}`; a volume in use is a `.conflict`.
    public func removeVolume(_ name: String, force: Bool = false) async throws {
        var query = QueryBuilder()
        query.add("force", force)
        _ = try await send(EngineRequest(.delete, "/volumes/\(Self.segment(name))", query: query.items))
    }
}
