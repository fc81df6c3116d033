/// Something in a compose file that loads but that the user should fix, with where it was written.
///
/// Steps that can warn take an `inout [ComposeWarning]` and append to it, so warnings keep the order the
/// file was read in and the caller decides how to print them.
public struct ComposeWarning: Sendable, Hashable, PositionedMessage {
    public var message: String
    public var location: SourceLocation?
    /// The file the warning is about when it names no line (as the reference words some warnings).
    public var file: String?
    /// The variable a `The "X" variable is not set` warning is about; nil for the other warnings.
    public var unsetVariable: String?

    public init(_ message: String, at location: SourceLocation? = nil, file: String? = nil) {
        self.message = message
        self.location = location
        self.file = file ?? location?.file
    }
}

extension ComposeWarning {
    /// Compose's warning for a plain reference (`$NAME`, `${NAME}`) to a variable that is not set.
    static func unsetVariable(_ name: String, at location: SourceLocation?) -> ComposeWarning {
        var warning = ComposeWarning("The \"\(name)\" variable is not set. Defaulting to a blank string.", at: location)
        warning.unsetVariable = name
        return warning
    }
}
