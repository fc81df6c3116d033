import Foundation
import ComposeSpec

/// A scalar written alone on its line after `- ` or `key: ` (the only form fixes rewrite): its line, where it
/// starts and ends, whether it is quoted, and its unquoted text.
struct ScalarSpan {
    var file: String
    var line: Int
    var lineText: String
    /// Offsets (in characters) of the scalar, quotes included.
    var start: Int
    var end: Int
    var quote: Character?
    var text: String

    /// The scalar at `location`, when it is a block item or a mapping value on one line (not inside `[…]`).
    init?(_ location: SourceLocation?, sources: SourceFiles) {
        guard let location, let lineText = sources.line(location.file, location.line) else { return nil }
        let characters = Array(lineText)
        let start = location.column - 1
        guard start >= 0, start < characters.count else { return nil }
        let before = String(characters[..<start]).trimmingCharacters(in: .whitespaces)
        guard before == "-" || before.hasSuffix(":") && !before.contains("[") && !before.contains("{") else {
            return nil
        }
        var end: Int
        var quote: Character?
        var text: String
        if characters[start] == "\"" || characters[start] == "'" {
            quote = characters[start]
            guard let close = characters[(start + 1)...].firstIndex(of: characters[start]) else { return nil }
            end = close + 1
            text = String(characters[(start + 1)..<close])
            if quote == "\"", text.contains("\\") { return nil }  // escapes: leave double-quoted escapes alone
        } else {
            end = characters.count
            if let comment = Self.commentStart(characters, from: start) { end = comment }
            while end > start, characters[end - 1] == " " || characters[end - 1] == "\t" { end -= 1 }
            text = String(characters[start..<end])
        }
        let rest = String(characters[end...]).trimmingCharacters(in: .whitespaces)
        guard rest.isEmpty || rest.hasPrefix("#") else { return nil }
        self.file = location.file
        self.line = location.line
        self.lineText = lineText
        self.start = start
        self.end = end
        self.quote = quote
        self.text = text
    }

    /// The line with the scalar replaced by `replacement` (written as is, quotes included).
    func edit(replacingWith replacement: String) -> TextEdit {
        let characters = Array(lineText)
        let newLine = String(characters[..<start]) + replacement + String(characters[end...])
        return TextEdit(file: file, lines: line...line, replacement: [newLine])
    }

    /// `text` written back with the scalar's own quoting.
    func quoted(_ text: String) -> String {
        guard let quote else { return text }
        return "\(quote)\(text)\(quote)"
    }

    /// A ` #` comment in a plain scalar's line.
    private static func commentStart(_ characters: [Character], from start: Int) -> Int? {
        var index = start + 1
        while index < characters.count {
            if characters[index] == "#", characters[index - 1] == " " || characters[index - 1] == "\t" { return index }
            index += 1
        }
        return nil
    }
}

/// The fix `config-mount-read-only` offers: `:ro` after a short-syntax mount.
enum MountFix {
    static func readOnly(_ location: SourceLocation?, sources: SourceFiles) -> TextEdit? {
        guard let span = ScalarSpan(location, sources: sources) else { return nil }
        let parts = span.text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let fixed = parts.count == 2 ? span.text + ":ro" : span.text + ",ro"
        return span.edit(replacingWith: span.quoted(fixed))
    }

    /// Whether the short syntax at `location` says `rw` on purpose.
    static func isExplicitlyWritable(_ location: SourceLocation?, sources: SourceFiles) -> Bool {
        guard let span = ScalarSpan(location, sources: sources) else { return false }
        let parts = span.text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[2].split(separator: ",").contains("rw")
    }
}
