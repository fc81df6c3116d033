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

/// One `$` construct of a Compose template.
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
    case operation(name: String, operator: TemplateOperator, argument: String, trailing: String)
    /// `${` not followed by a name and `}` or an operator: an invalid interpolation format.
    case invalid
}

/// Recognizes the constructs of Compose templates exactly as Docker Compose v2 does, quirks included, so that
/// substitution (`Interpolation.substitute`) and `config --variables` (`Interpolation.variables`) agree with it.
enum TemplateScanner {
    /// Reads the construct whose `$` is `scalars[start]`; returns it with the index just after it (for `.invalid`,
    /// just after the `${`, where the reference resumes scanning).
    static func token(in scalars: [Unicode.Scalar], at start: Int) -> (token: TemplateToken, end: Int) {
        let next = start + 1
        guard next < scalars.count else { return (.literalDollar, next) }
        if scalars[next] == "$" { return (.escapedDollar, next + 1) }
        if isNameStart(scalars[next]) {
            let end = nameEnd(in: scalars, from: next)
            return (.variable(text(scalars[next..<end])), end)
        }
        guard scalars[next] == "{" else { return (.literalDollar, next) }
        return bracedToken(in: scalars, openBrace: next) ?? (.invalid, next + 1)
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

    private static func nameEnd(in scalars: [Unicode.Scalar], from start: Int) -> Int {
        var end = start
        while end < scalars.count, isNameContinuation(scalars[end]) { end += 1 }
        return end
    }

    /// `${NAME}` or `${NAME<operator>…}`; nil when the text after `${` is neither (an invalid format).
    private static func bracedToken(in scalars: [Unicode.Scalar], openBrace: Int) -> (TemplateToken, Int)? {
        let nameStart = openBrace + 1
        guard nameStart < scalars.count, isNameStart(scalars[nameStart]) else { return nil }
        let nameEnd = nameEnd(in: scalars, from: nameStart)
        guard nameEnd < scalars.count else { return nil }
        let name = text(scalars[nameStart..<nameEnd])
        if scalars[nameEnd] == "}" { return (.variable(name), nameEnd + 1) }

        var symbolIndex = nameEnd
        let afterColon = scalars[symbolIndex] == ":"
        if afterColon { symbolIndex += 1 }
        guard symbolIndex < scalars.count,
            let templateOperator = TemplateOperator(symbol: scalars[symbolIndex], afterColon: afterColon),
            let lastBrace = lastClosingBraceOnLine(in: scalars, from: symbolIndex + 1)
        else { return nil }

        let argumentStart = symbolIndex + 1
        var argument = text(scalars[argumentStart..<lastBrace])
        var trailing = ""
        if let closing = closingBrace(in: scalars, from: argumentStart, through: lastBrace) {
            argument = text(scalars[argumentStart..<closing])
            trailing = text(scalars[(closing + 1)..<(lastBrace + 1)])
        }
        let token = TemplateToken.operation(
            name: name, operator: templateOperator, argument: argument, trailing: trailing)
        return (token, lastBrace + 1)
    }

    /// The last `}` before the end of the line: how far Compose's greedy `(.*)}` reaches (`.` stops at `\n`).
    private static func lastClosingBraceOnLine(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var last: Int?
        var index = start
        while index < scalars.count, scalars[index] != "\n" {
            if scalars[index] == "}" { last = index }
            index += 1
        }
        return last
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
