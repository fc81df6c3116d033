/// A command's failure, in words for the user (status 1), printed as its message alone, as Docker Compose prints
/// every failure.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    /// What caused it, when it wraps another error.
    var underlying: (any Error)?

    init(_ message: String, underlying: (any Error)? = nil) {
        self.message = message
        self.underlying = underlying
    }

    var description: String { message }
}
