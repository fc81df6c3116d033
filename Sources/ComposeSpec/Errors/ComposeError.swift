/// A compose input the loader cannot accept, with where it was written and what was expected.
public struct ComposeError: Error, Sendable, PositionedMessage {
    public enum Code: String, Sendable {
        case yamlSyntax
        case emptyFile
        case missingFile
        case unknownKey
        case wrongType
        case invalidValue
        case interpolation
        case missingVariable
        case undefinedReference
        case dependencyCycle
        case invalidProjectName
        case conflict
    }

    public var code: Code
    public var message: String
    public var location: SourceLocation?
    /// The file the error is about when no line is known (a missing env file, an empty compose file).
    public var file: String?
    /// What loading warned about before it failed, in order: Compose prints them too.
    public var warnings: [ComposeWarning] = []

    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil, file: String? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.file = file ?? location?.file
    }
}
