extension EngineClient {
    /// `GET /events`: events matching `filters` (`type`, `container`, `label`, `event`…). `since` and `until`
    /// are Unix timestamps (`1700000000.5`) or RFC 3339 dates; without `until` the stream stays open, and is
    /// opened again when its connection breaks (see ``EventStream``).
    /// The stream is open (the engine is listening) when this returns.
    public func events(filters: EngineFilters = [:], since: String? = nil, until: String? = nil) async throws
        -> EventStream
    {
        let first = try await eventMessages(filters: filters, since: since, until: until)
        return EventStream(client: self, filters: filters, since: since, until: until, first: first)
    }

    /// One `GET /events` stream, as it comes.
    func eventMessages(filters: EngineFilters, since: String?, until: String?) async throws
        -> EventStream.Messages
    {
        var query = QueryBuilder()
        query.add("filters", filters)
        query.add("since", since)
        query.add("until", until)
        let response = try await stream(EngineRequest(.get, "/events", query: query.items))
        return EventStream.Messages(base: response.body)
    }
}
