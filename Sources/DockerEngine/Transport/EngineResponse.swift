/// An engine answer with its whole body.
public struct EngineResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// An engine answer whose body is read as it arrives (logs, events, progress).
public struct EngineStreamingResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    /// The body chunks; stop iterating (or cancel the task) to close the connection.
    public var body: EngineByteStream

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
