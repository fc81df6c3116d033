import Foundation

/// A client for the Docker Engine API (also spoken by Podman's service): one value per engine, cheap to copy and
/// safe to share. The API version is negotiated on first use from `/_ping`.
///
/// ```swift
/// let engine = try EngineClient.fromEnvironment()
/// let created = try await engine.createContainer(name: "web", body: ["Image": "nginx"])
/// try await engine.startContainer(created.id)
/// ```
public struct EngineClient: Sendable {
    /// Where the engine listens.
    public var endpoint: EngineEndpoint { transport.endpoint }
    let transport: EngineTransport
    let versions: APIVersionCache
    /// Whether requests that would change the engine are answered without being sent: see ``dryRun()``.
    public private(set) var isDryRun = false

    /// A client for `endpoint`; `apiVersion` pins the version instead of negotiating it.
    /// Throws when the endpoint's TLS files cannot be loaded.
    public init(endpoint: EngineEndpoint = .defaultSocket, apiVersion: APIVersion? = nil) throws {
        transport = try EngineTransport(endpoint: endpoint)
        versions = APIVersionCache(pinned: apiVersion)
    }

    /// A client for the engine the docker CLI would use with `environment`: `DOCKER_HOST` (with
    /// `DOCKER_TLS_VERIFY` and `DOCKER_CERT_PATH`), else the current docker context, else the default socket;
    /// `DOCKER_API_VERSION` pins the API version.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> EngineClient {
        let endpoint = try EndpointResolver.resolve(environment: environment)
        var pinned: APIVersion?
        if let text = environment.nonEmpty("DOCKER_API_VERSION") {
            guard let version = APIVersion(text) else {
                throw EngineError.invalidConfiguration("DOCKER_API_VERSION '\(text)' is not a version like 1.41")
            }
            guard version >= .minimumSupported else {
                throw EngineError(
                    .unsupportedVersion,
                    message: "DOCKER_API_VERSION \(version) is older than the \(APIVersion.minimumSupported) Pier needs"
                )
            }
            pinned = version
        }
        return try EngineClient(endpoint: endpoint, apiVersion: pinned)
    }

    /// The same engine, for `--dry-run`: reads are sent, and every request that would change something (any
    /// method but `GET` and `HEAD`) is answered as the engine answers it when the change succeeds, without being
    /// sent. Connections that take over the stream (exec, attach, BuildKit sessions) are refused.
    public func dryRun() -> EngineClient {
        var client = self
        client.isDryRun = true
        return client
    }

    /// The API version requests use, negotiated with the engine on first call.
    public func apiVersion() async throws -> APIVersion {
        let transport = self.transport
        return try await versions.value {
            let ping = try await transport.send(EngineRequest(.get, "/_ping", isVersioned: false), versionPrefix: "")
            if let header = ping.header("API-Version"), let server = APIVersion(header) {
                return try APIVersion.negotiate(server: server)
            }
            // Engines behind some proxies drop the header; /version says it too.
            let version = try await transport.send(
                EngineRequest(.get, "/version", isVersioned: false), versionPrefix: "")
            let reported = try JSONDecoder().decode(JSONValue.self, from: Data(version.body))["ApiVersion"]
            guard let text = reported?.stringValue, let server = APIVersion(text) else {
                throw EngineError.protocolError("the engine did not report its API version")
            }
            return try APIVersion.negotiate(server: server)
        }
    }

    /// Sends any Engine API request (the path without the version prefix) and returns the whole response.
    /// Statuses of 400 and above throw an ``EngineError`` with the engine's message.
    public func send(_ request: EngineRequest) async throws -> EngineResponse {
        if isDryRun, DryRunAnswer.intercepts(request) { return DryRunAnswer.response(to: request) }
        let prefix = request.isVersioned ? try await apiVersion().pathPrefix : ""
        do {
            return try await transport.send(request, versionPrefix: prefix)
        } catch let error as EngineError where error.code == .connectionLost {
            throw await explaining(error)
        }
    }

    /// Sends any Engine API request and streams the response body.
    public func stream(_ request: EngineRequest) async throws -> EngineStreamingResponse {
        if isDryRun, DryRunAnswer.intercepts(request) { return DryRunAnswer.streamingResponse(to: request) }
        let prefix = request.isVersioned ? try await apiVersion().pathPrefix : ""
        do {
            return try await transport.stream(request, versionPrefix: prefix)
        } catch let error as EngineError where error.code == .connectionLost {
            throw await explaining(error)
        }
    }

    /// `error` as it is while the engine answers; when the engine answered earlier and no longer does, a
    /// `.wentAway` error saying so, with `error` as what failed because of it (a connection that broke, a
    /// container the stopping engine killed).
    public func explaining(_ error: any Error) async -> any Error {
        if error is CancellationError || (error as? EngineError)?.code == .wentAway { return error }
        let connectionFailed = (error as? EngineError)?.code == .connectionLost
        return await wentAway(failed: connectionFailed ? nil : error) ?? error
    }

    /// The `.wentAway` error when the engine answered earlier and no longer does, naming `failed` as what failed
    /// because of it; nil while it answers (or when it never did).
    public func wentAway(failed: (any Error)? = nil) async -> EngineError? {
        guard transport.pool.hasAnswered else { return nil }
        do {
            _ = try await transport.send(EngineRequest(.get, "/_ping", isVersioned: false), versionPrefix: "")
            return nil
        } catch let failure as EngineError where failure.code == .wentAway || failure.code == .connectionLost {
            return EngineError.wentAway(endpoint, reason: failure.reason, failed: failed, underlying: failed ?? failure)
        } catch {
            return nil
        }
    }

    /// Sends a request that hijacks the connection (exec start, attach) and runs `body` with the raw connection;
    /// it is closed when `body` returns.
    public func hijack<Result: Sendable>(
        _ request: EngineRequest, isTTY: Bool, body: (HijackedConnection) async throws -> Result
    ) async throws -> Result {
        if isDryRun, DryRunAnswer.intercepts(request) {
            throw EngineError(.notInDryRun, message: "interactive use is not supported in dry-run mode")
        }
        let prefix = request.isVersioned ? try await apiVersion().pathPrefix : ""
        return try await transport.hijack(request, versionPrefix: prefix, isTTY: isTTY, body: body)
    }
}
