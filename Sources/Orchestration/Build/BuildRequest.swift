import ComposeSpec
import DockerEngine
import Foundation

/// What `build` (and `up --build`) may change about a build, as their flags say.
public struct BuildRequest: Sendable {
    public var noCache = false
    public var pull = false
    /// `--build-arg KEY=VALUE`, over the file's `args`; a `nil` value takes the variable from the environment.
    public var arguments: [String: String?] = [:]
    /// `--memory`: the build containers' memory limit in bytes.
    public var memory: Int64?
    /// Where each line of a build's output goes (service, line); when nil, lines go to the progress display.
    public var output: (@Sendable (String, String) -> Void)?

    /// Whether a Dockerfile whose `# syntax=` image cannot be resolved (no registry) is built with the engine's
    /// built-in Dockerfile frontend instead, with a warning. `PIER_SYNTAX_FALLBACK=0` turns it off by default.
    public var syntaxFallback = BuildRequest.syntaxFallbackDefault(ProcessInfo.processInfo.environment)

    /// `--ssh`: agents every service's build may use (`default`, `id=socket`), beside its `build.ssh`.
    public var ssh: [String] = []

    public init() {}

    static func syntaxFallbackDefault(_ environment: [String: String]) -> Bool {
        !["0", "false", "no", "off"].contains(environment["PIER_SYNTAX_FALLBACK"]?.lowercased() ?? "")
    }

    /// A size as `--memory` takes it: bytes, or a number with a unit (`512m`, `2g`).
    public static func byteCount(_ text: String) -> Int64? {
        ByteSize.parse(text.lowercased())
    }
}
