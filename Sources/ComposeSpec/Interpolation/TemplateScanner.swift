/// How `${NAME<operator>argument}` uses its argument.
struct TemplateOperator: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `-` and `:-`: the argument replaces a missing value.
        case defaultValue
        /// `?` and `:?`: a missing value is an error, the argument its message.
        case required
        /// `+` and `:+`: the argument replaces a present value; a missing one becomes empty.
        case alternative
    }

    var kind: Kind
    /// The colon forms (`:-`, `:?`, `:+`) treat a variable set to the empty string as missing.
    var emptyMeansMissing: Bool

    init(kind: Kind, emptyMeansMissing: Bool) {
        self.kind = kind
        self.emptyMeansMissing = emptyMeansMissing
    }

    init?(symbol: Unicode.Scalar, afterColon: Bool) {
        switch symbol {
        case "-": kind = .defaultValue
        case "?": kind = .required
        case "+": kind = .alternative
        default: return nil
        }
        emptyMeansMissing = afterColon
    }
}

/// One `$` construct of a Compose template. Argument and trailing text are ranges of the template's scalars.
enum TemplateToken: Sendable, Equatable {
    /// `$$`, a literal dollar sign.
    case escapedDollar
    /// A `$` that starts no variable (`$1`, `$-`, `$ `, a trailing `$`): Compose keeps it as written.
    case literalDollar
    /// `$NAME` or `${NAME}`.
    case variable(String)
    /// `${NAME<operator>argument}`. `trailing` is the text from the real closing brace to the last `}` of the line:
    /// Compose's pattern matches greedily up to that last brace and then handles the part after the real closing
    /// brace as a template of its own, which shows in error messages and in `config --variables`.
    case operation(name: String, operator: TemplateOperator, argument: Range<Int>, trailing: Range<Int>)
    /// `${` not followed by a name and `}` or an operator: an invalid interpolation format.
    case invalid
}

/// A template's scalars, with the two tables that let the scanner find the last `}` of a line in constant time:
/// without them, a line of many expressions would cost the square of its length.
struct TemplateText {
    let scalars: [Unicode.Scalar]
    /// For each index, the first line break at or after it (`scalars.count` when none).
    private let lineEnds: [Int]
    /// For each index, the last `}` at or before it (-1 when none).
    private let lastBraces: [Int]

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        var lineEnds = [Int](repeating: scalars.count, count: scalars.count)
        var lastBraces = [Int](repeating: -1, count: scalars.count)
        var lineEnd = scalars.count
        for index in scalars.indices.reversed() {
            if scalars[index] == "\n" { lineEnd = index }
            lineEnds[index] = lineEnd
        }
        var lastBrace = -1
        for index in scalars.indices {
            if scalars[index] == "}" { lastBrace = index }
            lastBraces[index] = lastBrace
        }
        self.lineEnds = lineEnds
        self.lastBraces = lastBraces
    }

    /// The last `}` from `start` up to the end of its line or to `end`, whichever comes first: how far Compose's
    /// greedy `(.*)}` reaches (`.` stops at `\n`) in a template that ends at `end`.
    func lastClosingBraceOnLine(from start: Int, before end: Int) -> Int? {
        guard start < end else { return nil }
        let brace = lastBraces[min(lineEnds[start], end) - 1]
        return brace >= start ? brace : nil
    }

    func text(_ range: Range<Int>) -> String {
        TemplateScanner.text(scalars[range])
    }
}

/// Recognizes the constructs of Compose templates exactly as Docker Compose v2 does, quirks included, so that
/// substitution (`Interpolation.substitute`) and `config --variables` (`Interpolation.variables`) agree with it.
enum TemplateScanner {
    /// Reads the construct whose `$` is at `start` of a template that ends at `end`; returns it with the index just
    /// after it (for `.invalid`, just after the `${`, where the reference resumes scanning).
    static func token(in template: TemplateText, at start: Int, end: Int) -> (token: TemplateToken, end: Int) {
        let scalars = template.scalars
        let next = start + 1
        guard next < end else { return (.literalDollar, next) }
        if scalars[next] == "$" { return (.escapedDollar, next + 1) }
        if isNameStart(scalars[next]) {
            let nameEnd = nameEnd(in: scalars, from: next, end: end)
            return (.variable(text(scalars[next..<nameEnd])), nameEnd)
        }
        guard scalars[next] == "{" else { return (.literalDollar, next) }
        return bracedToken(in: template, openBrace: next, end: end) ?? (.invalid, next + 1)
    }

    /// A name starts with a letter or `_`. Compose matches `[_a-z]` case-insensitively with Go's case folding,
    /// which also admits `ſ` (U+017F, folds to `s`) and the Kelvin sign `K` (U+212A, folds to `k`).
    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "_", "\u{017F}", "\u{212A}": return true
        default: return false
        }
    }

    static func isNameContinuation(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || ("0"..."9").contains(scalar)
    }

    static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    private static func nameEnd(in scalars: [Unicode.Scalar], from start: Int, end: Int) -> Int {
        var index = start
        while index < end, isNameContinuation(scalars[index]) { index += 1 }
        return index
    }

    /// `${NAME}` or `${NAME<operator>…}`; nil when the text after `${` is neither (an invalid format).
    private static func bracedToken(in template: TemplateText, openBrace: Int, end: Int) -> (TemplateToken, Int)? {
        let scalars = template.scalars
        let nameStart = openBrace + 1
        guard nameStart < end, isNameStart(scalars[nameStart]) else { return nil }
        let nameEnd = nameEnd(in: scalars, from: nameStart, end: end)
        guard nameEnd < end else { return nil }
        let name = text(scalars[nameStart..<nameEnd])
        if scalars[nameEnd] == "}" { return (.variable(name), nameEnd + 1) }

        var symbolIndex = nameEnd
        let afterColon = scalars[symbolIndex] == ":"
        if afterColon { symbolIndex += 1 }
        guard symbolIndex < end,
            let templateOperator = TemplateOperator(symbol: scalars[symbolIndex], afterColon: afterColon),
            let lastBrace = template.lastClosingBraceOnLine(from: symbolIndex + 1, before: end)
        else { return nil }

        let argumentStart = symbolIndex + 1
        var argument = argumentStart..<lastBrace
        var trailing = lastBrace + 1..<lastBrace + 1
        if let closing = closingBrace(in: scalars, from: argumentStart, through: lastBrace) {
            argument = argumentStart..<closing
            trailing = closing + 1..<lastBrace + 1
        }
        let token = TemplateToken.operation(
            name: name, operator: templateOperator, argument: argument, trailing: trailing)
        return (token, lastBrace + 1)
    }

    /// The `}` that closes the expression whose `${` is already open. Every `{` opens a nested pair and, as in
    /// the reference, the character right after it is not examined (so `${A:-{}} x}` has the argument `{}} x`).
    private static func closingBrace(in scalars: [Unicode.Scalar], from start: Int, through end: Int) -> Int? {
        var depth = 1
        var index = start
        while index <= end {
            if scalars[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            } else if scalars[index] == "{" {
                depth += 1
                index += 1
            }
            index += 1
        }
        return nil
    }
}
