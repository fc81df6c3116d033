import DockerEngine

/// A line a container printed.
public struct LogLine: Sendable, Hashable {
    public var container: String
    public var service: String
    public var isStandardError: Bool
    /// The line without its newline (and with the engine's timestamp in front when asked for).
    public var text: String
}

/// Streams the output of several containers at once, line by line, interleaved as it comes.
public struct LogFollower: Sendable {
    let client: EngineClient

    public init(client: EngineClient) {
        self.client = client
    }

    /// Lines of every container in `containers`; with `options.follow`, until every container stops (or the
    /// consumer stops reading). A container whose logs cannot be read (removed meanwhile) is skipped.
    public func lines(of containers: [ObservedContainer], options: LogsOptions) -> AsyncThrowingStream<
        LogLine, any Error
    > {
        AsyncThrowingStream { continuation in
            let task = Task {
                await withTaskGroup(of: Void.self) { group in
                    for container in containers {
                        group.addTask { await follow(container, options: options, into: continuation) }
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// One container's lines, fed into `continuation`; returns when its stream ends.
    public func follow(
        _ container: ObservedContainer, options: LogsOptions,
        into continuation: AsyncThrowingStream<LogLine, any Error>.Continuation
    ) async {
        guard let stream = try? await client.containerLogs(container.id, options: options) else { return }
        var splitter = LineSplitter()
        do {
            for try await frame in stream {
                let isError = frame.source == .stderr
                for text in splitter.feed(frame.bytes, isError: isError) {
                    continuation.yield(
                        LogLine(
                            container: container.name, service: container.service, isStandardError: isError, text: text)
                    )
                }
            }
        } catch {
            // The container went away while following: its lines so far were delivered.
        }
        for (text, isError) in splitter.flush() {
            continuation.yield(
                LogLine(container: container.name, service: container.service, isStandardError: isError, text: text))
        }
    }
}

/// Cuts frames into lines; a line may span frames, and stdout and stderr are kept apart.
struct LineSplitter {
    private var pending: [Bool: [UInt8]] = [:]

    mutating func feed(_ bytes: [UInt8], isError: Bool) -> [String] {
        var buffer = pending[isError, default: []] + bytes
        var lines: [String] = []
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(buffer[..<newline])
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            lines.append(String(decoding: line, as: UTF8.self))
            buffer.removeSubrange(...newline)
        }
        pending[isError] = buffer
        return lines
    }

    /// What is left without a final newline.
    mutating func flush() -> [(String, Bool)] {
        defer { pending = [:] }
        return pending.filter { !$0.value.isEmpty }.map { (String(decoding: $0.value, as: UTF8.self), $0.key) }
    }
}
