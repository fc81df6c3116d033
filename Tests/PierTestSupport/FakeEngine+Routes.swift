import DockerEngine
import Foundation
import NIOHTTP1

/// The fake engine's answers, by method and path; anything else is a 500 naming what it does not serve, so a test
/// notices when the code under test needs more of the API.
extension FakeEngine {
    func answer(_ request: TestHTTPServer.Request) -> TestHTTPServer.Reply {
        let components = URLComponents(string: request.head.uri)
        let path = (components?.percentEncodedPath ?? request.head.uri).removingPercentEncoding ?? ""
        let query = Dictionary(
            (components?.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let body = (try? JSONDecoder().decode(JSONValue.self, from: Data(request.body))) ?? .null
        if path == "/_ping" {
            return .full(status: .ok, headers: [("API-Version", Self.apiVersion)], body: Array("OK".utf8))
        }
        let prefix = "/v\(Self.apiVersion)"
        guard path.hasPrefix(prefix) else { return Self.unserved(request) }
        let route = String(path.dropFirst(prefix.count))
        let parts = route.split(separator: "/").map(String.init)
        switch (request.head.method, parts.first ?? "") {
        case (.GET, "events"):
            return .stream(status: .ok, headers: [("Content-Type", "application/json")], chunks: subscribe())
        case (_, "images"), (_, "networks"), (_, "volumes"):
            return resources(request.head.method, route: route, parts: parts, body: body)
        case (_, "containers"):
            return containers(request.head.method, parts: Array(parts.dropFirst()), query: query, body: body)
        default:
            return Self.unserved(request)
        }
    }

    private func resources(_ method: HTTPMethod, route: String, parts: [String], body: JSONValue)
        -> TestHTTPServer.Reply
    {
        switch (method, parts[0]) {
        case (.GET, "images") where route.hasSuffix("/json"):
            let image = Self.fullReference(String(route.dropFirst("/images/".count).dropLast("/json".count)))
            guard state.withLock({ $0.images.contains(image) }) else { return Self.notFound("No such image: \(image)") }
            return Self.json(["Id": .string(Self.imageID(image)), "RepoTags": [.string(image)]])
        case (.POST, "networks") where parts.count == 2 && parts[1] == "create",
            (.POST, "volumes") where parts.count == 2 && parts[1] == "create":
            let name = body["Name"]?.stringValue ?? ""
            let labels = (body["Labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
            state.withLock { state in
                if parts[0] == "networks" { state.networks[name] = labels } else { state.volumes[name] = labels }
                state.journal.append("\(parts[0].dropLast()) \(name)")
            }
            return parts[0] == "networks" ? Self.json(["Id": .string(name)]) : Self.json(Self.resource(name, labels))
        case (.GET, "networks") where parts.count == 1:
            let networks = state.withLock { $0.networks }.sorted { $0.key < $1.key }
            return Self.json(.array(networks.map { Self.resource($0.key, $0.value) }))
        case (.GET, "networks") where parts.count == 2:
            guard let labels = state.withLock({ $0.networks[parts[1]] }) else {
                return Self.notFound("network \(parts[1]) not found")
            }
            return Self.json(
                [
                    "Id": .string(parts[1]), "Name": .string(parts[1]),
                    "Labels": .object(labels.mapValues(JSONValue.string)),
                    "Containers": .object(attached(to: parts[1]).mapValues { ["Name": .string($0)] }),
                ])
        case (.DELETE, "networks") where parts.count == 2:
            return removeNetwork(parts[1])
        case (.POST, "networks") where parts.count == 3 && parts[2] == "disconnect":
            return disconnect(body["Container"]?.stringValue ?? "", from: parts[1], force: body["Force"] == .bool(true))
        case (.GET, "volumes") where parts.count == 2:
            let labels = state.withLock { parts[0] == "networks" ? $0.networks[parts[1]] : $0.volumes[parts[1]] }
            guard let labels else { return Self.notFound("\(parts[0].dropLast()) \(parts[1]) not found") }
            return Self.json(Self.resource(parts[1], labels))
        default:
            return .full(status: .internalServerError, headers: [], body: Array("unserved \(route)".utf8))
        }
    }

    /// The endpoints on `network`, by ID: its containers' (named as they are), and the stale ones a test left.
    private func attached(to network: String) -> [String: String] {
        state.withLock { state in
            var endpoints: [String: String] = [:]
            for container in state.containers.values where container.networks.contains(network) {
                endpoints[container.id] = container.name
            }
            for (index, name) in (state.staleEndpoints[network] ?? []).enumerated() { endpoints["ep-\(index)"] = name }
            return endpoints
        }
    }

    /// Removes `network` unless an endpoint is on it, as the engine refuses then.
    private func removeNetwork(_ network: String) -> TestHTTPServer.Reply {
        guard state.withLock({ $0.networks[network] }) != nil else {
            return Self.notFound("network \(network) not found")
        }
        guard attached(to: network).isEmpty, !state.withLock({ $0.phantomEndpoints.contains(network) }) else {
            return Self.json(
                ["message": .string("error while removing network: network \(network) has active endpoints")],
                status: .forbidden)
        }
        state.withLock { state in
            state.networks[network] = nil
            state.journal.append("remove network \(network)")
        }
        return .full(status: .noContent, headers: [], body: [])
    }

    /// Takes `name` (a container, or with `force` a stale endpoint) off `network`.
    private func disconnect(_ name: String, from network: String, force: Bool) -> TestHTTPServer.Reply {
        let done = state.withLock { state -> Bool in
            if let container = state.container(name), container.networks.contains(network) {
                state.containers[container.id]?.networks.removeAll { $0 == network }
            } else if force, let index = state.staleEndpoints[network]?.firstIndex(of: name) {
                state.staleEndpoints[network]?.remove(at: index)
            } else {
                return false
            }
            state.journal.append("disconnect \(name) \(network)")
            return true
        }
        return done ? .full(status: .ok, headers: [], body: []) : Self.notFound("container \(name) is not connected")
    }

    private static func resource(_ name: String, _ labels: [String: String]) -> JSONValue {
        ["Id": .string(name), "Name": .string(name), "Labels": .object(labels.mapValues(JSONValue.string))]
    }

    static func json(_ value: JSONValue, status: HTTPResponseStatus = .ok) -> TestHTTPServer.Reply {
        .full(
            status: status, headers: [("Content-Type", "application/json")],
            body: Array((try? JSONEncoder().encode(value)) ?? Data()))
    }

    static func notFound(_ message: String) -> TestHTTPServer.Reply {
        json(["message": .string(message)], status: .notFound)
    }

    static func unserved(_ request: TestHTTPServer.Request) -> TestHTTPServer.Reply {
        json(
            ["message": .string("the fake engine does not serve \(request.head.method) \(request.head.uri)")],
            status: .internalServerError)
    }
}
