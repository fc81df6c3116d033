import DockerEngine
import Foundation

/// What the read-only commands (`ps`, `logs`, `exec`…) share.
enum ReadCommand {
    /// The engine the docker CLI would use with these flags in this environment.
    static func engine() throws -> EngineClient {
        try EngineSelection.client(GlobalOptions.current)
    }

    /// Runs `body`; a failure because the engine went away (a stream that broke off) says so.
    static func explaining<Result>(_ client: EngineClient, _ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            throw await client.explaining(error)
        }
    }
}
