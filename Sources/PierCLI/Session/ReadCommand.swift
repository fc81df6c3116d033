import DockerEngine
import Foundation

/// What the read-only commands (`ps`, `logs`, `exec`…) share.
enum ReadCommand {
    /// The engine the docker CLI would use with these flags in this environment.
    static func engine() throws -> EngineClient {
        try EngineSelection.client(GlobalOptions.current)
    }
}
