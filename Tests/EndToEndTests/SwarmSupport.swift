import DockerEngine
import Foundation
import PierTestSupport
import Testing

/// A stack on the test Swarm (`scripts/swarm-start.sh`): a scratch project whose commands talk to the manager,
/// removed with `pier stack rm` when the test ends.
enum SwarmStack {
    @discardableResult
    static func with<Result>(
        _ compose: String, files: [String: String] = [:], _ body: (ScratchProject) async throws -> Result
    ) async throws -> Result {
        try await ScratchProject.with(compose, files: files, environment: ["DOCKER_HOST": SwarmCluster.manager]) {
            project in
            await project.onCleanUp { _ = try? await project.pier("stack", "rm", project.name) }
            return try await body(project)
        }
    }

    /// The manager's Engine API, for what no `pier` command shows (task timestamps, leftovers).
    static var manager: EngineClient {
        get throws {
            try EngineClient(endpoint: EngineEndpoint(address: .unixSocket(path: socketPath(SwarmCluster.manager))))
        }
    }

    static func socketPath(_ host: String) -> String {
        host.hasPrefix("unix://") ? String(host.dropFirst("unix://".count)) : host
    }

    /// `pier stack ps STACK` as rows of cells (split on runs of 3+ spaces), header removed.
    static func tasks(_ project: ScratchProject) async throws -> [[String]] {
        let result = try await project.pier("stack", "ps", "--format", "json", project.name)
        try #require(result.status == 0, "\(result.stderr)")
        return try result.stdout.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String] ?? [:]
            return ["Name", "Node", "DesiredState", "CurrentState", "Error"].map { object[$0] ?? "" }
        }
    }

    /// Polls `condition` every second until it holds or `seconds` pass.
    static func eventually(
        _ seconds: Int, _ what: String, _ condition: () async throws -> Bool
    ) async throws {
        for _ in 0..<seconds {
            if try await condition() { return }
            try await Task.sleep(for: .seconds(1))
        }
        Issue.record("not within \(seconds) s: \(what)")
    }
}
