import Foundation
import Synchronization

/// A registry's answer with its whole body.
struct RegistryResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Fails on a status of 400 and above, with the registry's own error (`{"errors":[{"code","message"}]}`).
    func check(_ what: String, host: String) throws {
        guard status >= 400 else { return }
        let detail = Self.errorMessage(in: body) ?? "HTTP \(status)"
        let code: EngineError.Code =
            switch status {
            case 401: .unauthorized
            case 403: .forbidden
            case 404: .notFound
            default: .unexpectedStatus
            }
        var message = "registry \(host): \(what): \(detail)"
        if status == 401 || status == 403 { message += " (log in with `docker login \(host)`)" }
        throw EngineError(code, status: status, message: message)
    }

    private static func errorMessage(in body: [UInt8]) -> String? {
        guard let answer = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) else { return nil }
        let errors = answer["errors"]?.arrayValue ?? []
        let messages = errors.compactMap { error in
            error["message"]?.stringValue.map { message in
                (error["code"]?.stringValue.map { $0.lowercased().replacingOccurrences(of: "_", with: " ") + ": " }
                    ?? "") + message
            }
        }
        return messages.isEmpty ? nil : messages.joined(separator: "; ")
    }
}

/// The `Authorization` header a registry accepted, by scope, for the client's lifetime.
final class AuthorizationCache: Sendable {
    private let values = Mutex([String: String]())

    func value(for scope: String) -> String? { values.withLock { $0[scope] } }
    func store(_ value: String, for scope: String) { values.withLock { $0[scope] = value } }
}

extension RegistryClient {
    /// Sends a request for `repository` with the authorization `actions` (`pull`, `pull,push`) need: none at
    /// first, then, when the registry answers 401, what its challenge asks for (a bearer token from its token
    /// service, or basic credentials), once.
    func send(
        _ method: EngineRequest.Method, _ pathAndQuery: String, repository: String, actions: String,
        headers: [(name: String, value: String)] = [], body: EngineRequestBody = .empty
    ) async throws -> RegistryResponse {
        let scope = "repository:\(repository):\(actions)"
        let target = RegistryURL(isHTTPS: !isLoopback, host: apiHost, pathAndQuery: pathAndQuery)
        var response = try await exchange(target, method, headers: headers + authorizationHeader(scope), body: body)
        if response.status == 401, let challenge = response.header("WWW-Authenticate") {
            let value = try await authorize(challenge, scope: scope)
            authorization.store(value, for: scope)
            response = try await exchange(target, method, headers: headers + [("Authorization", value)], body: body)
        }
        return response
    }

    private func authorizationHeader(_ scope: String) -> [(name: String, value: String)] {
        authorization.value(for: scope).map { [("Authorization", $0)] } ?? []
    }

    /// The `Authorization` value a `WWW-Authenticate` challenge asks for.
    private func authorize(_ challenge: String, scope: String) async throws -> String {
        let stored = try await credentials.credentials(forHost: host)
        let basic = stored.flatMap { stored -> String? in
            guard let username = stored.username, let password = stored.password else { return nil }
            return "Basic " + Data("\(username):\(password)".utf8).base64EncodedString()
        }
        let parameters = Self.challengeParameters(challenge)
        guard challenge.lowercased().hasPrefix("bearer"), let realm = parameters["realm"] else {
            guard let basic else {
                throw EngineError(
                    .unauthorized, message: "registry \(host) wants credentials: log in with `docker login \(host)`")
            }
            return basic
        }
        var query = ["scope=" + EngineRequest.percentEncode(parameters["scope"] ?? scope)]
        if let service = parameters["service"] {
            query.insert("service=" + EngineRequest.percentEncode(service), at: 0)
        }
        var url = RegistryURL(realm, relativeTo: apiHost, https: !isLoopback)
        url.pathAndQuery += (url.pathAndQuery.contains("?") ? "&" : "?") + query.joined(separator: "&")
        let answer = try await exchange(url, .get, headers: basic.map { [("Authorization", $0)] } ?? [])
        try answer.check("a token for \(scope)", host: host)
        let token = try? JSONDecoder().decode(JSONValue.self, from: Data(answer.body))
        guard let value = token?["token"]?.stringValue ?? token?["access_token"]?.stringValue else {
            throw EngineError(.protocolError, message: "registry \(host): its token service sent no token")
        }
        return "Bearer " + value
    }

    /// `key="value"` pairs of a challenge (`Bearer realm="…",service="…",scope="…"`).
    static func challengeParameters(_ challenge: String) -> [String: String] {
        var parameters: [String: String] = [:]
        let pattern = #"(\w+)="([^"]*)""#
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [:] }
        for match in expression.matches(in: challenge, range: NSRange(challenge.startIndex..., in: challenge)) {
            guard let key = Range(match.range(at: 1), in: challenge),
                let value = Range(match.range(at: 2), in: challenge)
            else { continue }
            parameters[challenge[key].lowercased()] = String(challenge[value])
        }
        return parameters
    }

    /// One request on a connection of its own.
    private func exchange(
        _ url: RegistryURL, _ method: EngineRequest.Method, headers: [(name: String, value: String)] = [],
        body: EngineRequestBody = .empty
    ) async throws -> RegistryResponse {
        let endpoint = try Self.endpoint(url)
        let request = EngineRequest(method, url.pathAndQuery, headers: headers, body: body, isVersioned: false)
        do {
            // A pool of its own, closed after the one exchange: nothing outlives the request.
            let pool = try EngineTransport(endpoint: endpoint).pool
            defer { pool.closeIdle() }
            return try await HTTPExchange.run(
                request, target: request.target(versionPrefix: ""), hostHeader: endpoint.hostHeader,
                on: try await pool.connection(), pool: pool
            ) { head, reader in
                RegistryResponse(
                    status: Int(head.status.code), headers: head.headerPairs, body: try await reader.collect())
            }
        } catch let error as EngineError where error.code != .unreachable {
            throw error
        } catch {
            // The connector words a failed connection for an engine; this one is a registry.
            let cause = (error as? EngineError)?.underlying ?? (error as? ConnectionLost)?.underlying ?? error
            throw EngineError(
                .unreachable, message: "cannot reach the registry \(url.host): \(EngineConnector.reason(for: cause))",
                underlying: error)
        }
    }

    private static func endpoint(_ url: RegistryURL) throws -> EngineEndpoint {
        let parsed = try EngineEndpoint.parse(host: "tcp://" + url.host)
        guard case .tcp(let name, _) = parsed.address else { return parsed }
        let hasPort = url.host.hasPrefix("[") ? url.host.contains("]:") : url.host.contains(":")
        let port = hasPort ? parsed.address.port : (url.isHTTPS ? 443 : 80)
        return EngineEndpoint(address: .tcp(host: name, port: port), tls: url.isHTTPS ? EngineTLSSettings() : nil)
    }
}

extension EngineEndpoint.Address {
    var port: Int {
        if case .tcp(_, let port) = self { return port }
        return 0
    }
}
