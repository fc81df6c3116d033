import ArgumentParser

/// A command's failure, in words for the user (status 1). Printed after ArgumentParser's `Error: ` label, as Pier
/// prints what goes wrong while it changes a project; a bare one prints its message alone, as Docker Compose
/// prints a compose file's mistakes and the failures of its read-only commands.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var isBare: Bool
    /// What caused it, when it wraps another error.
    var underlying: (any Error)?

    init(_ message: String, bare: Bool = false, underlying: (any Error)? = nil) {
        self.message = message
        self.isBare = bare
        self.underlying = underlying
    }

    var description: String { message }

    /// A failure printed as `message` alone.
    static func bare(_ message: String) -> CommandFailure {
        CommandFailure(message, bare: true)
    }

    /// `error` printed as its description alone. An exit status, or a failure already worded, passes through.
    static func bare(wrapping error: any Error) -> any Error {
        if error is CommandFailure || error is ExitCode { return error }
        return CommandFailure("\(error)", bare: true, underlying: error)
    }
}
