import Foundation
import SwiftProtobuf

/// One update of a BuildKit build's progress: steps (vertices) that started or finished, progress within steps
/// (bytes transferred, layers exported), output lines of `RUN` steps, and warnings.
public struct BuildKitProgress: Sendable, Hashable {
    /// A step of the build, identified by its digest: `[internal] load build definition`, `[2/3] RUN …`.
    public struct Step: Sendable, Hashable {
        public var digest: String
        public var name: String
        public var inputs: [String]
        public var cached: Bool
        public var started: Date?
        public var completed: Date?
        /// Why the step failed, when it did.
        public var error: String?

        public init(
            digest: String, name: String, inputs: [String] = [], cached: Bool = false, started: Date? = nil,
            completed: Date? = nil, error: String? = nil
        ) {
            self.digest = digest
            self.name = name
            self.inputs = inputs
            self.cached = cached
            self.started = started
            self.completed = completed
            self.error = error
        }
    }

    /// Progress inside a step: `transferring context: 42B`, a layer being exported.
    public struct StepProgress: Sendable, Hashable {
        public var id: String
        public var step: String
        public var name: String
        public var current: Int64
        public var total: Int64
        public var started: Date?
        public var completed: Date?

        public init(
            id: String, step: String, name: String = "", current: Int64 = 0, total: Int64 = 0, started: Date? = nil,
            completed: Date? = nil
        ) {
            self.id = id
            self.step = step
            self.name = name
            self.current = current
            self.total = total
            self.started = started
            self.completed = completed
        }
    }

    /// Output of a step: `stream` 1 is standard output, 2 standard error.
    public struct Log: Sendable, Hashable {
        public var step: String
        public var stream: Int
        public var text: [UInt8]
        public var timestamp: Date?

        public init(step: String, stream: Int, text: [UInt8], timestamp: Date? = nil) {
            self.step = step
            self.stream = stream
            self.text = text
            self.timestamp = timestamp
        }
    }

    public struct Warning: Sendable, Hashable {
        public var step: String
        public var level: Int
        public var message: String
        public var details: [String]
        public var url: String

        public init(step: String, level: Int, message: String, details: [String] = [], url: String = "") {
            self.step = step
            self.level = level
            self.message = message
            self.details = details
            self.url = url
        }
    }

    public var steps: [Step]
    public var progress: [StepProgress]
    public var logs: [Log]
    public var warnings: [Warning]

    public init(steps: [Step] = [], progress: [StepProgress] = [], logs: [Log] = [], warnings: [Warning] = []) {
        self.steps = steps
        self.progress = progress
        self.logs = logs
        self.warnings = warnings
    }

    init(_ response: BuildKitStatusResponse) {
        func date(_ has: Bool, _ stamp: Google_Protobuf_Timestamp) -> Date? { has ? stamp.date : nil }
        steps = response.vertexes.map { vertex in
            Step(
                digest: vertex.digest, name: vertex.name, inputs: vertex.inputs, cached: vertex.cached,
                started: date(vertex.hasStarted, vertex.started),
                completed: date(vertex.hasCompleted, vertex.completed),
                error: vertex.error.isEmpty ? nil : vertex.error)
        }
        progress = response.statuses.map { status in
            StepProgress(
                id: status.id, step: status.vertex, name: status.name, current: status.current, total: status.total,
                started: date(status.hasStarted, status.started), completed: date(status.hasCompleted, status.completed)
            )
        }
        logs = response.logs.map { log in
            Log(
                step: log.vertex, stream: Int(log.stream), text: [UInt8](log.msg),
                timestamp: date(log.hasTimestamp, log.timestamp))
        }
        warnings = response.warnings.map { warning in
            Warning(
                step: warning.vertex, level: Int(warning.level),
                message: String(decoding: warning.short, as: UTF8.self),
                details: warning.detail.map { String(decoding: $0, as: UTF8.self) }, url: warning.url)
        }
    }
}
