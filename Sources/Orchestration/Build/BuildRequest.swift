import DockerEngine

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

    public init() {}

    /// A size as `--memory` takes it: bytes, or a number with a unit (`512m`, `2g`).
    public static func byteCount(_ text: String) -> Int64? {
        ByteSize.parse(text.lowercased())
    }
}
