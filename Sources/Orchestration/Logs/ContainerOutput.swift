import Foundation
import DockerEngine

/// What a container printed, read at once rather than followed: for failure messages and for programs (tests)
/// that look at a service's output.
public enum ContainerOutput {
    /// The container's lines, stdout and stderr together as `logs` shows them; the last `tail` when given.
    public static func lines(of containerID: String, client: EngineClient, tail: Int? = nil) async throws -> [String] {
        var splitter = LogLineSplitter()
        var lines: [String] = []
        for try await frame in try await client.containerLogs(containerID, options: LogsOptions(tail: tail)) {
            lines += splitter.feed(frame.bytes)
        }
        if let rest = splitter.flush() { lines.append(rest) }
        return lines
    }

    /// `last output of NAME:` and the container's last `count` lines, indented, to follow a failure's message;
    /// empty when it printed nothing or its logs cannot be read.
    public static func lastLines(of containerID: String, name: String, client: EngineClient, count: Int = 10) async
        -> String
    {
        guard let lines = try? await lines(of: containerID, client: client, tail: count) else { return "" }
        let text = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return "" }
        return "\nlast output of \(name):\n" + text.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
    }
}
