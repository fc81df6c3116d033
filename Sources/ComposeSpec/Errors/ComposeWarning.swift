/// Something in a compose file that loads but that the user should fix, with where it was written.
///
/// Steps that can warn take an `inout [ComposeWarning]` and append to it, so warnings keep the order the
/// file was read in and the caller decides how to print them.
public struct ComposeWarning: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    public var description: String {
        guard let location else { return message }
        return "\(location): \(message)"
    }
}

extension ComposeWarning {
    /// Compose's warning for a plain reference (`$NAME`, `${NAME}`) to a variable that is not set.
    static func unsetVariable(_ name: String, at location: SourceLocation?) -> ComposeWarning {
        ComposeWarning("The \"\(name)\" variable is not set. Defaulting to a blank string.", at: location)
    }
}
