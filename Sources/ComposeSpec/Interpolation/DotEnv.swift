/// Compose's dotenv syntax: the project `.env` file, `--env-file` and a service's `env_file`.
///
/// The grammar is the reference's, quirks included: a statement ends after a closing quote even without a line
/// break (`A="x"B=y` defines both), `:` separates like `=` (`KEY: value`), a comment needs a space before its `#`,
/// and keys may hold any letter, digit, `_`, `.`, `-`, `[` or `]`.
enum DotEnv {
    /// Parses Compose's dotenv syntax in file order. Values may reference variables: Compose asks `lookup` first
    /// (the process environment wins even over a key defined earlier in the same file), then the keys defined
    /// earlier in the file. A key with no `=` (`KEY` alone) yields value nil: Compose then takes it from the
    /// environment, or leaves it out. Text without `=` on the last line, unterminated, yields the empty key.
    static func parse(
        _ contents: String,
        file: String,
        lookup: (String) -> String?,
        onUnsetVariable: (String, SourceLocation) -> Void = { _, _ in }
    ) throws(ComposeError) -> [(key: String, value: String?)] {
        var reader = DotEnvReader(contents, file: file)
        var entries: [(key: String, value: String?)] = []
        var definedEarlier: [String: String] = [:]
        var budget = LoaderLimits.interpolationGrowth
        while reader.skipToStatement() {
            let statementLocation = reader.location
            switch try reader.readKey() {
            case .inherited(let key):
                if !key.isEmpty { entries.append((key, nil)) }
            case .unterminatedKey(let text):
                entries.append(("", text))
            case .assignment(let key):
                let value = try reader.readValue()
                var text = value.text
                if value.isTemplate {
                    do {
                        text = try Interpolation.substitute(
                            text, lookup: { name in lookup(name) ?? definedEarlier[name] },
                            onUnsetVariable: { onUnsetVariable($0, statementLocation) }, budget: &budget)
                    } catch {
                        throw reader.templateError(error, at: statementLocation)
                    }
                }
                definedEarlier[key] = text
                entries.append((key, text))
            }
        }
        return entries
    }

    /// `env_file` with `format: raw`: each line KEY=VALUE taken literally, without quotes, escapes, comments after
    /// the value or interpolation. Leading whitespace is dropped, trailing whitespace kept, full-line `#` comments
    /// and blank lines skipped; a line without `=` is a key with value nil.
    static func parseRaw(_ contents: String, file: String) throws(ComposeError) -> [(key: String, value: String?)] {
        var entries: [(key: String, value: String?)] = []
        for (offset, rawLine) in rawLines(of: contents).enumerated() {
            let line = Substring(rawLine).drop(while: { $0.unicodeScalars.allSatisfy(\.properties.isWhitespace) })
            if line.isEmpty || line.hasPrefix("#") { continue }
            let key: Substring
            let value: String?
            if let separator = line.firstIndex(of: "=") {
                key = line[..<separator]
                value = String(line[line.index(after: separator)...])
            } else {
                key = line
                value = nil
            }
            let location = SourceLocation(file: file, line: offset + 1, column: rawLine.count - line.count + 1)
            if key.isEmpty {
                throw ComposeError(
                    .invalidValue, "failed to parse env_file \(file): no variable name on line '\(line)'", at: location)
            }
            if key.contains(" ") || key.contains("\t") {
                throw ComposeError(
                    .invalidValue, "failed to parse env_file \(file): variable '\(key)' contains whitespaces",
                    at: location)
            }
            entries.append((String(key), value))
        }
        return entries
    }

    /// Lines as Go's line scanner yields them: split at `\n`, one trailing `\r` dropped, no empty last line.
    private static func rawLines(of contents: String) -> [String] {
        var lines = contents.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            var line = String.UnicodeScalarView($0)
            if line.last == "\r" { line.removeLast() }
            return String(line)
        }
        if contents.unicodeScalars.last == "\n" || contents.isEmpty { lines.removeLast() }
        return lines
    }
}
