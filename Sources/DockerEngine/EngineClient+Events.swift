/// The engine's events as they happen; break out of the loop or cancel the task to stop listening.
public typealias EventStream = JSONMessageSequence<EngineByteStream, EngineEvent>

extension EngineClient {
    /// `GET /events`: events matching `filters` (`type`, `container`, `label`, `event`…). `since` and `until`
    /// are Unix timestamps (`1700000000.5`) or RFC 3339 dates; without `until` the stream stays open.
    /// The stream is open (the engine is listening) when this returns.
    public func events(filters: EngineFilters = [:], since: String? = nil, until: String? = nil) async throws
        -> EventStream
    {
        var query = QueryBuilder()
        query.add("filters", filters)
        query.add("since", since)
        query.add("until", until)
        let response = try await stream(EngineRequest(.get, "/events", query: query.items))
        return EventStream(base: response.body)
    }
}
