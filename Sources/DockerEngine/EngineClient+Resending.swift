/// Requests that change something and are not idempotent, sent again when their connection breaks: whether the
/// engine acted on the first cannot be known, so the second answer decides, and when the engine refuses it, a look
/// at the engine tells whether the first went through after all.
extension EngineClient {
    /// Runs `attempt`; when its connection breaks, runs it once more, and when the engine then answers with an
    /// error, `wentThrough` looks at the engine: its result stands for the first attempt's, nil means it did not
    /// go through (the error is thrown).
    func resending<Result>(
        _ attempt: () async throws -> Result, wentThrough: (EngineError) async -> Result?
    ) async throws -> Result {
        do {
            return try await attempt()
        } catch let error as EngineError where error.code == .connectionLost {
            do {
                return try await attempt()
            } catch let refusal as EngineError where refusal.status != nil {
                guard let result = await wentThrough(refusal) else { throw refusal }
                return result
            }
        }
    }

    /// Whether the container is attached to the network (named or given by ID).
    func isAttached(_ container: String, to network: String) async -> Bool {
        guard let inspection = try? await inspectContainer(container),
            case .object(let networks) = inspection.raw["NetworkSettings"]?["Networks"]
        else { return false }
        return networks.contains { name, settings in
            name == network || settings["NetworkID"]?.stringValue == network
        }
    }
}
