import DockerEngine
import Foundation
import NIOHTTP1

/// The fake engine's container endpoints: list, create, inspect, start, stop, kill, remove, rename, wait, logs.
extension FakeEngine {
    func containers(_ method: HTTPMethod, parts: [String], query: [String: String], body: JSONValue)
        -> TestHTTPServer.Reply
    {
        switch (method, parts.first ?? "", parts.count) {
        case (.GET, "json", 1):
            let all = query["all"] == "1" || query["all"] == "true"
            let listed = state.withLock { Array($0.containers.values) }.filter { all || $0.status == "running" }
            return Self.json(.array(listed.sorted { $0.name < $1.name }.map(Self.summary)))
        case (.POST, "create", 1):
            return create(name: query["name"] ?? "", body: body)
        case (.DELETE, let id, 1):
            return changing(id) { state, container in
                state.containers[container.id] = nil
                return "remove \(container.name)"
            }
        case (.GET, let id, 2) where parts[1] == "json":
            guard let container = state.withLock({ $0.container(id) }) else { return Self.noSuchContainer(id) }
            return Self.json(Self.inspection(container))
        case (.POST, let id, 2) where parts[1] == "start":
            guard let container = state.withLock({ $0.container(id) }) else { return Self.noSuchContainer(id) }
            if container.status != "running" { start(container.id) }
            return .full(status: .noContent, headers: [], body: [])
        case (.POST, let id, 2) where ["stop", "kill"].contains(parts[1]):
            guard let container = state.withLock({ $0.container(id) }) else { return Self.noSuchContainer(id) }
            state.withLock { $0.journal.append("\(parts[1]) \(container.name)") }
            exit(container.id, code: parts[1] == "kill" ? 137 : 143)
            return .full(status: .noContent, headers: [], body: [])
        case (.POST, let id, 2) where parts[1] == "rename":
            let newName = query["name"] ?? ""
            return changing(id) { state, container in
                state.containers[container.id]?.name = newName
                return "rename \(container.name) \(newName)"
            }
        case (.POST, let id, 2) where parts[1] == "wait":
            guard let container = state.withLock({ $0.container(id) }) else { return Self.noSuchContainer(id) }
            return .later { Self.json(["StatusCode": .integer(Int64(await self.waitForExit(container.id)))]) }
        case (.GET, let id, 2) where parts[1] == "logs":
            guard let container = state.withLock({ $0.container(id) }) else { return Self.noSuchContainer(id) }
            let lines = output(of: container.service)
            let tail = query["tail"].flatMap { Int($0) } ?? lines.count
            return .full(
                status: .ok, headers: [("Content-Type", "application/vnd.docker.raw-stream")],
                body: lines.suffix(tail).flatMap(Self.stdoutFrame))
        default:
            return .full(status: .internalServerError, headers: [], body: Array("unserved containers \(parts)".utf8))
        }
    }

    private func create(name: String, body: JSONValue) -> TestHTTPServer.Reply {
        let test = body["Healthcheck"]?["Test"]?.arrayValue?.first?.stringValue
        let created = state.withLock { state -> Container? in
            guard state.container(name) == nil else { return nil }
            state.created += 1
            let container = Container(
                id: String(format: "%064x", state.created), name: name, image: body["Image"]?.stringValue ?? "",
                labels: (body["Labels"]?.objectValue ?? [:]).compactMapValues(\.stringValue),
                hasHealthcheck: test != nil && test != "NONE",
                networks: (body["NetworkingConfig"]?["EndpointsConfig"]?.objectValue ?? [:]).keys.sorted())
            state.containers[container.id] = container
            state.journal.append("create \(name)")
            return container
        }
        guard let created else {
            return Self.json(
                ["message": .string("Conflict. The container name \"/\(name)\" is already in use")], status: .conflict)
        }
        return Self.json(["Id": .string(created.id), "Warnings": []], status: .created)
    }

    /// Applies `change` to the container `id` names, journalling what it returns.
    private func changing(_ id: String, _ change: (inout State, Container) -> String) -> TestHTTPServer.Reply {
        let done = state.withLock { state -> Bool in
            guard let container = state.container(id) else { return false }
            state.journal.append(change(&state, container))
            return true
        }
        return done ? .full(status: .noContent, headers: [], body: []) : Self.noSuchContainer(id)
    }

    private static func noSuchContainer(_ id: String) -> TestHTTPServer.Reply {
        notFound("No such container: \(id)")
    }

    private static func summary(_ container: Container) -> JSONValue {
        [
            "Id": .string(container.id), "Names": [.string("/" + container.name)], "Image": .string(container.image),
            "ImageID": .string(imageID(container.image)),
            "State": .string(container.status), "Status": .string(container.status),
            "Labels": .object(container.labels.mapValues(JSONValue.string)),
            "NetworkSettings": [
                "Networks": .object(Dictionary(uniqueKeysWithValues: container.networks.map { ($0, [:]) }))
            ],
        ]
    }

    private static func inspection(_ container: Container) -> JSONValue {
        var state: [String: JSONValue] = [
            "Status": .string(container.status), "Running": .bool(container.status == "running"),
            "ExitCode": .integer(Int64(container.exitCode)),
        ]
        if let health = container.health { state["Health"] = ["Status": .string(health)] }
        return [
            "Id": .string(container.id), "Name": .string("/" + container.name), "Image": .string(container.image),
            "State": .object(state), "Mounts": [],
            "Config": [
                "Image": .string(container.image), "Labels": .object(container.labels.mapValues(JSONValue.string)),
            ],
        ]
    }

    /// A multiplexed stdout frame holding `line`.
    private static func stdoutFrame(_ line: String) -> [UInt8] {
        let payload = Array((line + "\n").utf8)
        let size = UInt32(payload.count)
        return [1, 0, 0, 0, UInt8(size >> 24), UInt8(size >> 16 & 0xff), UInt8(size >> 8 & 0xff), UInt8(size & 0xff)]
            + payload
    }
}
