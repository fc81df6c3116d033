/// Walks a dotenv file statement by statement, keeping the line and column for error messages.
struct DotEnvReader {
    enum Key {
        /// `KEY=…` or `KEY:…`; the value follows.
        case assignment(String)
        /// `KEY` alone on its line.
        case inherited(String)
        /// Key characters running to the end of the file without a separator or line break: the reference
        /// stores them, trimmed, as the value of the empty key.
        case unterminatedKey(String)
    }

    /// A value as written, before interpolation.
    struct RawValue {
        var text: String
        /// False for single-quoted values, which are taken literally.
        var isTemplate: Bool
    }

    let file: String
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0

    init(_ contents: String, file: String) {
        self.file = file
        var scalars = Array(contents.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
    }

    var location: SourceLocation {
        SourceLocation(file: file, line: line, column: index - lineStart + 1)
    }

    /// Skips blank space and comment lines; false at the end of the file.
    mutating func skipToStatement() -> Bool {
        while index < scalars.count {
            if scalars[index] == "#" {
                while index < scalars.count, scalars[index] != "\n" { advance() }
            } else if scalars[index].properties.isWhitespace {
                advance()
            } else {
                return true
            }
        }
        return false
    }

    /// Reads an optional `export ` and the key, up to and including its `=`, `:` or line break.
    mutating func readKey() throws(ComposeError) -> Key {
        skipExportKeyword()
        let keyStart = index
        let statement = location
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "=" || scalar == ":" || scalar == "\n" {
                let key = text(keyStart..<index).trimmingTrailingWhitespace
                guard !key.contains(" ") else { throw invalidLine("key cannot contain a space", at: statement) }
                advance()
                return scalar == "\n" ? .inherited(key) : .assignment(key)
            }
            guard Self.isKeyCharacter(scalar) else {
                var lineEnd = index
                while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
                let name = text(keyStart..<lineEnd)
                let message = "unexpected character \(GoQuote.quoted(String(scalar))) in variable name "
                throw invalidLine(message + GoQuote.quoted(name), at: statement)
            }
            index += 1
        }
        let rest = text(keyStart..<index)
        guard !rest.isEmpty else {
            throw ComposeError(.invalidValue, "failed to read \(file): zero length string", at: statement)
        }
        return .unterminatedKey(rest.trimmingWhitespace)
    }

    /// Reads the value after a key's separator: quoted (possibly over several lines, ending the statement at the
    /// closing quote) or unquoted (to the end of the line, cut at ` #`, trimmed).
    mutating func readValue() throws(ComposeError) -> RawValue {
        while index < scalars.count, scalars[index] != "\n", scalars[index].properties.isWhitespace { advance() }
        guard index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" else {
            return RawValue(text: readUnquotedValue(), isTemplate: true)
        }
        let quote = scalars[index]
        let opening = location
        let openingIndex = index
        advance()
        while index < scalars.count, scalars[index] != quote {
            if scalars[index] == "\\", index + 1 < scalars.count { advance() }
            advance()
        }
        guard index < scalars.count else {
            var lineEnd = openingIndex
            while lineEnd < scalars.count, scalars[lineEnd] != "\n" { lineEnd += 1 }
            // The reference counts the line at which it gave up: the last line of the file.
            let message = "line \(line): unterminated quoted value \(text(openingIndex..<lineEnd))"
            throw ComposeError(.invalidValue, "failed to read \(file): \(message)", at: opening)
        }
        let inner = Array(scalars[(openingIndex + 1)..<index])
        advance()
        if quote == "'" { return RawValue(text: DotEnvEscapes.singleQuoted(inner), isTemplate: false) }
        return RawValue(text: DotEnvEscapes.doubleQuotedTemplate(inner), isTemplate: true)
    }

    /// The error for a value whose interpolation failed, worded as the reference words it (without a line).
    func templateError(_ failure: InterpolationFailure, at location: SourceLocation) -> ComposeError {
        switch failure {
        case .invalidFormat(let template):
            return ComposeError(
                .interpolation, "failed to read \(file): Invalid template: \(GoQuote.quoted(template))", at: location)
        case .missingRequired:
            return ComposeError(
                .missingVariable, "failed to read \(file): \(failure.requiredVariableText ?? "")", at: location)
        case .nestedTooDeep, .growsTooLarge:
            return ComposeError(.interpolation, "failed to read \(file): \(failure.limitText ?? "")", at: location)
        }
    }

    private mutating func readUnquotedValue() -> String {
        let start = index
        while index < scalars.count, scalars[index] != "\n" { index += 1 }
        var end = index
        if index < scalars.count { advance() }
        if let comment = (start..<end).first(where: { scalars[$0] == " " && $0 + 1 < end && scalars[$0 + 1] == "#" }) {
            end = comment
        }
        return text(start..<end).trimmingWhitespace
    }

    /// `export` followed by spaces or tabs is dropped; `export=1` and `exportKEY=1` define keys.
    private mutating func skipExportKeyword() {
        let keyword: [Unicode.Scalar] = ["e", "x", "p", "o", "r", "t"]
        let afterKeyword = index + keyword.count
        guard afterKeyword < scalars.count, Array(scalars[index..<afterKeyword]) == keyword,
            scalars[afterKeyword] == " " || scalars[afterKeyword] == "\t"
        else { return }
        index = afterKeyword
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
    }

    /// Letters and digits of any script, `_ . - [ ]`, and blank space (a space is refused once the key is known).
    private static func isKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return "_.-[]".unicodeScalars.contains(scalar) || scalar.properties.isWhitespace
        }
    }

    private func invalidLine(_ message: String, at location: SourceLocation) -> ComposeError {
        ComposeError(.invalidValue, "failed to read \(file): line \(location.line): \(message)", at: location)
    }

    private func text(_ range: Range<Int>) -> String {
        TemplateScanner.text(scalars[range])
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            lineStart = index + 1
        }
        index += 1
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }

    fileprivate var trimmingTrailingWhitespace: String {
        let scalars = unicodeScalars
        guard let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[...last])
    }
}
