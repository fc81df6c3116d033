import Foundation

/// What a dry-run client (``EngineClient/dryRun()``) answers, without sending it, for a request that would change
/// the engine: what the engine answers when the change succeeds. Reads go to the engine; every other method is
/// answered here, so that a command run dry walks its usual path and reports what it would do, having changed
/// nothing (Compose's `--dry-run`).
enum DryRunAnswer {
    /// Whether `request` would change the engine: any method but `GET` and `HEAD`.
    static func intercepts(_ request: EngineRequest) -> Bool {
        request.method != .get && request.method != .head
    }

    /// The answer to `request`, whole.
    static func response(to request: EngineRequest) -> EngineResponse {
        let (status, body) = answer(request)
        guard let body else { return EngineResponse(status: status, headers: [], body: []) }
        return EngineResponse(status: status, headers: [("Content-Type", "application/json")], body: encoded(body))
    }

    /// The answer to `request`, as a stream: the progress of a pull, push or build that did nothing (a build
    /// reports an image ID, as builds do).
    static func streamingResponse(to request: EngineRequest) -> EngineStreamingResponse {
        var lines: [JSONValue] = []
        if request.path == "/build" { lines.append(["aux": ["ID": .string("sha256:" + identifier())]]) }
        let (stream, source) = EngineByteStream.make(onTerminate: {})
        var writer = source.makeWriter()
        let bytes = lines.flatMap { encoded($0) + [UInt8(ascii: "\n")] }
        Task {
            if !bytes.isEmpty { _ = await writer.yield(bytes) }
            writer.finish()
        }
        return EngineStreamingResponse(status: 200, headers: [("Content-Type", "application/json")], body: stream)
    }

    /// The status and JSON body the engine answers when the change succeeds.
    private static func answer(_ request: EngineRequest) -> (Int, JSONValue?) {
        let parts = request.path.split(separator: "/").map(String.init)
        switch (request.method, parts.first, parts.last) {
        case (.post, "containers", "create"), (.post, "networks", "create"):
            return (201, ["Id": .string(identifier()), "Warnings": []])
        case (.post, "containers", "exec"):
            return (201, ["Id": .string(identifier())])
        case (.post, "volumes", "create"):
            return (201, createdVolume(request))
        case (.post, "containers", "wait"):
            return (200, ["StatusCode": 0])
        case (.post, "commit", _):
            return (201, ["Id": .string("sha256:" + identifier())])
        case (.post, "auth", _):
            return (200, ["Status": "Login Succeeded"])
        case (.delete, "images", _):
            let name = parts.dropFirst().joined(separator: "/")
            return (200, [["Untagged": .string(name.removingPercentEncoding ?? name)]])
        default:
            return (204, nil)
        }
    }

    /// A volume as the engine describes the one it creates: the name, driver and labels asked for.
    private static func createdVolume(_ request: EngineRequest) -> JSONValue {
        var asked: JSONValue = [:]
        if case .bytes(let bytes, _) = request.body,
            let body = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        {
            asked = body
        }
        return [
            "Name": asked["Name"] ?? .string(identifier()), "Driver": asked["Driver"] ?? "local",
            "Labels": asked["Labels"] ?? [:], "Options": asked["DriverOpts"] ?? [:], "Scope": "local",
            "Mountpoint": "",
        ]
    }

    /// 64 hex digits, as the engine's IDs.
    private static func identifier() -> String {
        (0..<4).map { _ in
            let text = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }

    private static func encoded(_ value: JSONValue) -> [UInt8] {
        (try? [UInt8](JSONEncoder().encode(value))) ?? []
    }
}
