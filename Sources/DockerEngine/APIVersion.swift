/// An Engine API version such as 1.41. Pier speaks the lower of the engine's version and the newest it knows,
/// and refuses engines older than 1.41 (Docker 20.10).
public struct APIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    /// The oldest API Pier supports: Docker Engine 20.10.
    public static let minimumSupported = APIVersion(1, 41)
    /// The newest API whose differences Pier knows about.
    public static let newestKnown = APIVersion(1, 47)

    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `1.41` (also `v1.41`); `nil` for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace
        let digits = trimmed.hasPrefix("v") ? trimmed.dropFirst() : Substring(trimmed)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let major = Int(parts[0]), let minor = Int(parts[1]), major >= 0, minor >= 0 else {
            return nil
        }
        self.init(major, minor)
    }

    public var description: String { "\(major).\(minor)" }

    /// The path prefix of every versioned request: `/v1.41`.
    public var pathPrefix: String { "/v\(self)" }

    public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    /// The version to speak with an engine that reports `server`: the lower of it and ``newestKnown``.
    public static func negotiate(server: APIVersion) throws -> APIVersion {
        guard server >= minimumSupported else {
            throw EngineError(
                .unsupportedVersion,
                message: "the engine speaks API \(server), older than the \(minimumSupported) Pier needs "
                    + "(Docker Engine 20.10 or later): upgrade the engine")
        }
        return min(server, newestKnown)
    }
}

/// The negotiated version, shared by copies of a client so the engine is asked once.
actor APIVersionCache {
    private var version: APIVersion?

    init(pinned: APIVersion?) {
        version = pinned
    }

    func value(negotiate: @Sendable () async throws -> APIVersion) async throws -> APIVersion {
        if let version { return version }
        let negotiated = try await negotiate()
        version = negotiated
        return negotiated
    }
}
