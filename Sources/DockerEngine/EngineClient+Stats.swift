/// A container's resource use as the engine reports it, one JSON object per sample.
public typealias StatsStream = JSONMessageSequence<EngineByteStream, JSONValue>

extension EngineClient {
    /// `GET /containers/{id}/stats`: a sample every second while `stream`, else one (the engine takes two
    /// readings first, so that CPU use can be computed from their difference).
    public func containerStats(_ containerID: String, stream: Bool) async throws -> StatsStream {
        let response = try await self.stream(
            EngineRequest(
                .get, "/containers/\(Self.segment(containerID))/stats", query: [("stream", stream ? "1" : "0")]))
        return StatsStream(base: response.body)
    }
}
