import DockerEngine
import Foundation

/// What the read-only commands (`ps`, `logs`, `exec`…) share.
enum ReadCommand {
    /// The engine the docker CLI would use in this environment.
    static func engine() throws -> EngineClient {
        try EngineClient.fromEnvironment(ProcessInfo.processInfo.environment)
    }
}
