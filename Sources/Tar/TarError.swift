/// A tar archive that cannot be read or written, or a file that cannot be archived or extracted.
public struct TarError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
