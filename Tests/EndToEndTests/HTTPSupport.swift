import Foundation
import PierTestSupport
import PierTesting

/// HTTP requests from the host, with `curl`.
enum HTTP {
    struct Response {
        var status: Int
        var body: String
        var headers: String
    }

    /// One request; status 0 when nothing answers.
    static func request(_ url: String, method: String = "GET", body: String? = nil, curl extra: [String] = [])
        async throws -> Response
    {
        let headers = FileManager.default.temporaryDirectory.appendingPathComponent("pier-http-\(UUID())")
        defer { try? FileManager.default.removeItem(at: headers) }
        var arguments = ["curl", "-sS", "--max-time", "10", "-X", method, "-D", headers.path, "-o", "-"]
        arguments += ["-w", "\n%{http_code}"] + extra
        if let body { arguments += ["--data-binary", body] }
        let result = try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), arguments + [url], in: TestSupport.repositoryRoot,
            environment: ProcessInfo.processInfo.environment)
        var lines = result.stdout.components(separatedBy: "\n")
        let status = Int(lines.popLast() ?? "") ?? 0
        let headerText = (try? String(contentsOf: headers, encoding: .utf8)) ?? ""
        return Response(status: status, body: lines.joined(separator: "\n"), headers: headerText)
    }

    /// Polls `url` until it answers `status` (servers take a moment to listen after their container starts).
    static func waitFor(
        _ url: String, status: Int = 200, seconds: Int = 60, curl extra: [String] = []
    ) async throws -> Response {
        var last = Response(status: 0, body: "", headers: "")
        for _ in 0..<(seconds * 2) {
            last = try await request(url, curl: extra)
            if last.status == status { return last }
            try await Task.sleep(for: .seconds(0.5))
        }
        return last
    }
}

extension ComposeStack {
    /// `http://HOST:PORT`, where the host reaches the service's published `port`.
    func baseURL(service: String, port: Int) async throws -> String {
        let (host, published) = try await endpoint(service: service, port: port)
        return "http://\(host):\(published)"
    }
}

/// Engine timestamps (RFC 3339 with up to nine fractional digits), as `docker inspect` prints them in JSON.
enum EngineTime {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: "\"\n "))
        let parts = trimmed.split(separator: ".", maxSplits: 1)
        let formatter = ISO8601DateFormatter()
        guard parts.count == 2 else { return formatter.date(from: trimmed) }
        let fraction = parts[1].prefix { $0.isNumber }
        let zone = parts[1].dropFirst(fraction.count)
        guard let whole = formatter.date(from: String(parts[0]) + String(zone)) else { return nil }
        return whole.addingTimeInterval(Double("0." + String(fraction)) ?? 0)
    }
}
