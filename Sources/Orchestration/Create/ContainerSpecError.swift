import ComposeSpec

/// A service Pier cannot turn into a container on this engine, with the service and, when known, where the
/// attribute was written.
public struct ContainerSpecError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The engine's API version is too old for an attribute Pier cannot leave out.
        case engineTooOld
        /// Two attributes contradict each other.
        case conflict
        /// A `service:` or `volumes_from` reference names a service without a container yet.
        case missingContainer
        /// A secret or config reads an environment variable that is not set.
        case missingVariable
        /// The attribute has no meaning outside Swarm or needs a feature Pier does not have.
        case unsupported
        case invalidValue
        case unreadableFile
    }

    public var code: Code
    public var message: String
    public var service: String?
    public var location: SourceLocation?

    public init(_ code: Code, _ message: String, service: String? = nil, at location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.service = service
        self.location = location
    }

    public var description: String {
        let subject = service.map { "service \"\($0)\": " } ?? ""
        guard let location else { return subject + message }
        return "\(location): \(subject)\(message)"
    }
}
