/// How one string becomes an integer, number or boolean, following the Go functions the reference uses
/// (`strconv.Atoi`, `strconv.ParseFloat`, and its own boolean reading) so the same strings pass and fail.
extension SchemaCasting {
    static func convert(
        _ text: String, to kind: Kind, at node: Node, path: [String], warnings: inout [ComposeWarning]
    ) throws(ComposeError) -> Node.Value {
        let subject = path.joined(separator: ".")
        switch kind {
        case .integer:
            if let number = Int(text) { return .int(number) }
            if isDecimalInteger(text) {
                throw ComposeError(
                    .invalidValue, "\(subject): \(text) is out of range for an integer", at: node.location)
            }
            throw ComposeError(.wrongType, "\(subject) must be an integer, not \"\(text)\"", at: node.location)
        case .number:
            guard let number = goFloat(text) else {
                throw ComposeError(.wrongType, "\(subject) must be a number, not \"\(text)\"", at: node.location)
            }
            guard number.isFinite || isInfinityOrNaN(text) else {
                throw ComposeError(.invalidValue, "\(subject): \(text) is out of range for a number", at: node.location)
            }
            return .double(number)
        case .boolean:
            if let flag = boolean(text, warnings: &warnings, at: node.location) { return .bool(flag) }
            throw ComposeError(
                .wrongType, "\(subject) must be a boolean (true or false), not \"\(text)\"", at: node.location)
        }
    }

    /// `true`/`false` in any case. YAML 1.1's `y`/`yes`/`on` and `n`/`no`/`off` (any case, quoted or not) still
    /// work in the reference, with a warning; `1`, `0`, `t`, `f` and the empty string are errors there.
    static func boolean(_ text: String, warnings: inout [ComposeWarning], at location: SourceLocation?) -> Bool? {
        let flag: Bool
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        case "y", "yes", "on": flag = true
        case "n", "no", "off": flag = false
        default: return nil
        }
        warnings.append(
            ComposeWarning("\"\(text)\" for boolean is not supported by YAML 1.2, please use `\(flag)`", at: location))
        return flag
    }

    private static func isDecimalInteger(_ text: String) -> Bool {
        let digits = text.first == "+" || text.first == "-" ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func isInfinityOrNaN(_ text: String) -> Bool {
        let body = text.first == "+" || text.first == "-" ? text.dropFirst() : Substring(text)
        return ["inf", "infinity", "nan"].contains(body.lowercased())
    }

    /// A float in Go's syntax: decimal (`1.5`, `.5`, `1.`, `5e-1`), hexadecimal with a `p` exponent (`0x1p-2`),
    /// `inf`/`infinity`/`nan` in any case, and `_` between digits. Swift's own parser accepts more (`0x10`), so
    /// the syntax is checked first.
    static func goFloat(_ text: String) -> Double? {
        if isInfinityOrNaN(text) { return Double(text.lowercased()) }
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "+" || scalars.first == "-" { scalars.removeFirst() }
        let hexadecimal = scalars.count > 2 && scalars[0] == "0" && (scalars[1] == "x" || scalars[1] == "X")
        guard underscoresSeparateDigits(scalars, hexadecimal: hexadecimal) else { return nil }
        scalars.removeAll { $0 == "_" }
        let isDigit: (Unicode.Scalar) -> Bool =
            hexadecimal ? { $0.properties.isASCIIHexDigit } : { ("0"..."9").contains($0) }
        var position = hexadecimal ? 2 : 0
        func skipDigits() -> Int {
            let start = position
            while position < scalars.count, isDigit(scalars[position]) { position += 1 }
            return position - start
        }
        var mantissaDigits = skipDigits()
        if position < scalars.count, scalars[position] == "." {
            position += 1
            mantissaDigits += skipDigits()
        }
        guard mantissaDigits > 0 else { return nil }
        let exponentMarks: Set<Unicode.Scalar> = hexadecimal ? ["p", "P"] : ["e", "E"]
        if position < scalars.count, exponentMarks.contains(scalars[position]) {
            position += 1
            if position < scalars.count, scalars[position] == "+" || scalars[position] == "-" { position += 1 }
            let start = position
            while position < scalars.count, ("0"..."9").contains(scalars[position]) { position += 1 }
            guard position > start else { return nil }
        } else if hexadecimal {
            return nil
        }
        guard position == scalars.count else { return nil }
        return Double(text.replacingOccurrences(of: "_", with: ""))
    }

    /// Go allows `_` only between two digits, or right after a `0x` prefix.
    private static func underscoresSeparateDigits(_ scalars: [Unicode.Scalar], hexadecimal: Bool) -> Bool {
        let isDigit: (Unicode.Scalar) -> Bool = {
            hexadecimal ? $0.properties.isASCIIHexDigit : ("0"..."9").contains($0)
        }
        for (index, scalar) in scalars.enumerated() where scalar == "_" {
            let afterPrefix = hexadecimal && index == 2
            guard index > 0, afterPrefix || isDigit(scalars[index - 1]),
                index + 1 < scalars.count, isDigit(scalars[index + 1])
            else { return false }
        }
        return true
    }
}
