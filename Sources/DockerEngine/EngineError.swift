import Foundation

/// An error talking to a container engine: what went wrong (``code``), the HTTP status and the engine's own
/// message when the engine answered, and the underlying error when it did not.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; callers branch on it (a `notFound` container is often fine to ignore).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// No engine answered at the endpoint (no socket, connection refused, TLS handshake failed).
        public static let unreachable = Code("unreachable")
        /// The endpoint configuration (DOCKER_HOST, context, certificates) is invalid.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// 400: the engine rejected a parameter.
        public static let badRequest = Code("badRequest")
        /// 401: the registry or engine wants credentials.
        public static let unauthorized = Code("unauthorized")
        /// 403: the engine forbids the operation.
        public static let forbidden = Code("forbidden")
        /// 404: no such container, image, network, volume or exec instance.
        public static let notFound = Code("notFound")
        /// 409: the object is in the wrong state or the name is taken.
        public static let conflict = Code("conflict")
        /// 5xx, or an error reported inside a progress stream.
        public static let server = Code("server")
        /// Another HTTP status the client does not expect.
        public static let unexpectedStatus = Code("unexpectedStatus")
        /// The engine's API version is older than Pier supports.
        public static let unsupportedVersion = Code("unsupportedVersion")
        /// The connection broke before the engine's answer was complete (the engine, or something between, closed
        /// or reset it); the engine may or may not have acted on the request.
        public static let connectionLost = Code("connectionLost")
        /// The engine answered earlier in this command and no longer does: it stopped or restarts.
        public static let wentAway = Code("wentAway")
        /// A dry-run client (``EngineClient/dryRun()``) cannot answer this request without sending it.
        public static let notInDryRun = Code("notInDryRun")
        /// The engine's answer could not be understood (bad JSON, truncated stream, failed upgrade).
        public static let protocolError = Code("protocolError")
    }

    public var code: Code
    /// The HTTP status when the engine answered.
    public var status: Int?
    /// A message for people: the engine's own `message` when it sent one.
    public var message: String
    /// The error that caused this one (a socket error, a decoding error), if any.
    public var underlying: (any Error)?
    /// Why the engine could not be reached, in a few words ("connection refused"), for `.unreachable` and
    /// `.wentAway`.
    public var reason: String?

    public init(_ code: Code, status: Int? = nil, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.status = status
        self.message = message
        self.underlying = underlying
    }

    public var description: String { message }

    /// The engine's refusal as the docker CLI (and Docker Compose) words it: `Error response from daemon: …`; the
    /// message alone when the engine gave no answer.
    public var daemonMessage: String {
        status == nil ? message : "Error response from daemon: \(message)"
    }
}

extension EngineError {
    /// The error for an engine answer with a failing status; `body` is the engine's JSON `{"message": …}` (or
    /// plain text, which some endpoints and proxies send).
    static func fromResponse(status: Int, body: [UInt8]) -> EngineError {
        let code: Code =
            switch status {
            case 400: .badRequest
            case 401: .unauthorized
            case 403: .forbidden
            case 404: .notFound
            case 409: .conflict
            case 500...599: .server
            default: .unexpectedStatus
            }
        return EngineError(code, status: status, message: engineMessage(in: body) ?? "engine answered HTTP \(status)")
    }

    /// The `message` of an engine error body, or its trimmed text when it is not JSON.
    static func engineMessage(in body: [UInt8]) -> String? {
        if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body)),
            let message = value["message"]?.stringValue
        {
            return message
        }
        let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    static func protocolError(_ message: String, underlying: (any Error)? = nil) -> EngineError {
        EngineError(.protocolError, message: message, underlying: underlying)
    }

    static func invalidConfiguration(_ message: String, underlying: (any Error)? = nil) -> EngineError {
        EngineError(.invalidConfiguration, message: message, underlying: underlying)
    }
}
