import DockerEngine
import Foundation
import PierTestSupport

@testable import PierDashboard

/// A dashboard served in the test process on a port the system picks, and requests to it with `curl` (which
/// sends exactly the headers it is told, a forged `Host` or `Origin` included, and follows no redirect).
struct DashboardHarness: Sendable {
    let configuration: DashboardConfiguration
    /// `http://127.0.0.1:PORT`, without a trailing slash.
    let base: String

    struct Response: Sendable {
        var status: Int
        var headers: String
        var body: String
    }

    /// Serves a dashboard with `token` while `body` runs.
    static func with<Result: Sendable>(
        token: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        _ body: (DashboardHarness) async throws -> Result
    ) async throws -> Result {
        let configuration = try DashboardConfiguration(listen: "127.0.0.1:0", token: token, environment: environment)
        let server = DashboardServer(configuration: configuration, client: try EngineClient.fromEnvironment())
        let (urls, continuation) = AsyncStream<String>.makeStream()
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await server.run { continuation.yield($0) }
                return nil
            }
            var iterator = urls.makeAsyncIterator()
            guard let url = await iterator.next(), let start = url.range(of: "/", options: .backwards) else {
                throw TestSetupError("the dashboard did not start")
            }
            let harness = DashboardHarness(configuration: configuration, base: String(url[..<start.lowerBound]))
            defer { group.cancelAll() }
            return try await body(harness)
        }
    }

    /// One request; `seconds` bounds it (an event stream is read that long, then cut).
    func request(
        _ path: String, method: String = "GET", headers: [String: String] = [:], body: String? = nil,
        seconds: Double = 30
    ) async throws -> Response {
        let headerFile = FileManager.default.temporaryDirectory.appendingPathComponent("pier-dash-\(UUID())")
        defer { try? FileManager.default.removeItem(at: headerFile) }
        var arguments = ["curl", "-sS", "-N", "--max-time", String(seconds), "-X", method, "-D", headerFile.path]
        arguments += ["-o", "-"]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { arguments += ["-H", "\(name): \(value)"] }
        if let body { arguments += ["--data-binary", body] }
        let result = try await TestSupport.run(
            URL(fileURLWithPath: "/usr/bin/env"), arguments + [base + path], in: TestSupport.repositoryRoot,
            environment: ProcessInfo.processInfo.environment)
        // A stream cut by --max-time ends curl with status 28: its headers and what came are still there.
        let headerText = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
        let statusLine = headerText.split(separator: "\r\n").first ?? ""
        let code = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        return Response(status: code, headers: headerText, body: result.stdout)
    }

    /// A changing request as the page makes it: JSON, with the request key.
    func post(_ path: String, _ body: String, headers: [String: String] = [:], seconds: Double = 60) async throws
        -> Response
    {
        try await request(
            path, method: "POST",
            headers: ["Content-Type": "application/json", "X-Pier-CSRF": configuration.requestKey].merging(headers) {
                $1
            }, body: body, seconds: seconds)
    }
}

extension DashboardHarness.Response {
    /// The server-sent events named `name`, their data as JSON objects.
    func events(_ name: String) -> [[String: Any]] {
        body.components(separatedBy: "\n\n").compactMap { block in
            let lines = block.split(separator: "\n")
            guard lines.contains("event: \(name)"),
                let data = lines.first(where: { $0.hasPrefix("data: ") })?.dropFirst(6),
                let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any]
            else { return nil }
            return object
        }
    }
}
