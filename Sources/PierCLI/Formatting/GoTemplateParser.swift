/// Splits a Go template into text and actions, and actions into words.
enum GoTemplateParser {
    typealias Failure = GoTemplate.Failure

    static func parse(_ source: String) throws(Failure) -> [GoTemplate.Piece] {
        var pieces: [GoTemplate.Piece] = []
        let characters = Array(source)
        var index = 0
        var text = ""
        var trimNextText = false
        while index < characters.count {
            guard characters[index] == "{", index + 1 < characters.count, characters[index + 1] == "{" else {
                if !(trimNextText && text.isEmpty && characters[index].isWhitespace) {
                    text.append(characters[index])
                    trimNextText = false
                }
                index += 1
                continue
            }
            var bodyStart = index + 2
            // `{{- ` trims the whitespace before the action.
            if bodyStart + 1 < characters.count, characters[bodyStart] == "-", characters[bodyStart + 1] == " " {
                while text.last?.isWhitespace == true { text.removeLast() }
                bodyStart += 2
            }
            guard let close = closing(characters, from: bodyStart) else {
                throw Failure(message: "template: :1: unclosed action")
            }
            var bodyEnd = close
            trimNextText = false
            if bodyEnd - 2 >= bodyStart, characters[bodyEnd - 1] == "-", characters[bodyEnd - 2] == " " {
                bodyEnd -= 2
                trimNextText = true
            }
            if !text.isEmpty { pieces.append(.text(text)) }
            text = ""
            pieces.append(.action(try commands(characters, from: bodyStart, to: bodyEnd)))
            index = close + 2
        }
        if !text.isEmpty { pieces.append(.text(text)) }
        return pieces
    }

    /// The index of the `}}` ending an action, skipping string literals.
    private static func closing(_ characters: [Character], from start: Int) -> Int? {
        var index = start
        var quote: Character?
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if character == "\\" && open == "\"" {
                    index += 1
                } else if character == open {
                    quote = nil
                }
            } else if character == "\"" || character == "`" {
                quote = character
            } else if character == "}", index + 1 < characters.count, characters[index + 1] == "}" {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The action's commands (separated by `|`), each a list of words.
    private static func commands(_ characters: [Character], from start: Int, to end: Int) throws(Failure)
        -> [[GoTemplate.Word]]
    {
        var commands: [[GoTemplate.Word]] = [[]]
        var index = start
        while index < end {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "|" {
                commands.append([])
                index += 1
            } else if character == "\"" || character == "`" {
                var literal = ""
                index += 1
                while index < end, characters[index] != character {
                    if character == "\"", characters[index] == "\\", index + 1 < end {
                        index += 1
                        literal.append(unescaped(characters[index]))
                    } else {
                        literal.append(characters[index])
                    }
                    index += 1
                }
                index += 1
                commands[commands.count - 1].append(.literal(literal))
            } else {
                let tokenStart = index
                while index < end, !characters[index].isWhitespace, characters[index] != "|" { index += 1 }
                let token = String(characters[tokenStart..<index])
                commands[commands.count - 1].append(try word(token, offset: tokenStart))
            }
        }
        return commands
    }

    private static func word(_ token: String, offset: Int) throws(Failure) -> GoTemplate.Word {
        if token == "." { return .dot }
        if token.hasPrefix(".") { return .field(String(token.dropFirst()), offset: offset) }
        if let number = Int(token) { return .number(number) }
        guard GoTemplate.functions.contains(token) else {
            throw Failure(message: "template: :1: function \"\(token)\" not defined")
        }
        return .function(token)
    }

    private static func unescaped(_ character: Character) -> Character {
        switch character {
        case "n": "\n"
        case "t": "\t"
        default: character
        }
    }
}
