/// A finding about the compose files (an error, a warning) and where it applies.
public protocol PositionedMessage: CustomStringConvertible {
    var message: String { get }
    var location: SourceLocation? { get }
    /// The file it is about when no line is known.
    var file: String? { get }
}

extension PositionedMessage {
    /// `file:line:column: message`, `file: message` when no line is known, or the message alone.
    public var description: String {
        if let location { return "\(location): \(message)" }
        if let file { return "\(file): \(message)" }
        return message
    }
}
