import DockerEngine
import Foundation

/// What the read-only commands (`ps`, `logs`, `exec`…) share: the engine, and their failures printed as Docker
/// Compose prints them (the bare message on standard error, status 1).
enum ReadCommand {
    /// The engine the docker CLI would use with these flags in this environment.
    static func engine() throws -> EngineClient {
        do {
            return try EngineSelection.client(GlobalOptions.current)
        } catch {
            throw CommandFailure.bare(wrapping: error)
        }
    }

    /// Runs `body`; its failure is printed bare.
    static func run<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch {
            throw CommandFailure.bare(wrapping: error)
        }
    }
}
