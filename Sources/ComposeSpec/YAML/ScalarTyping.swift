/// How Compose's YAML reader (YAML 1.2 core schema, plus Go's number syntax) types a plain scalar.
///
/// `yes`, `on`, `22:22` and `12:30:45` stay strings; `0755` is octal and `0x1F` hexadecimal, as Go reads them;
/// `1e3` is a float; `~`, `null` and the empty scalar are null.
enum ScalarTyping {
    static func resolve(_ text: String) -> Node.Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        guard let first = text.first, first.isNumber || first == "-" || first == "+" || first == "." else {
            return .string(text)
        }
        if let number = integer(text) { return .int(number) }
        // Integers beyond Int64 (Go reads them as unsigned) keep their digits.
        if text.first != "0", text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber), UInt64(text) != nil {
            return .string(text)
        }
        if let number = float(text) { return .double(number) }
        return .string(text)
    }

    /// A YAML timestamp: `2001-12-14`, or a date with a time (`2001-12-14t21:59:43.10-05:00`).
    static func isTimestamp(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= scalars.count && range.allSatisfy { ("0"..."9").contains(scalars[$0]) }
        }
        guard scalars.count >= 8, digits(0..<4), scalars[4] == "-" else { return false }
        var index = 5
        for part in 0..<2 {
            let start = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            guard (1...2).contains(index - start) else { return false }
            if part == 0 {
                guard index < scalars.count, scalars[index] == "-" else { return false }
                index += 1
            }
        }
        if index == scalars.count { return index - 5 == 5 }  // A bare date needs two-digit month and day.
        return ["T", "t", " ", "\t"].contains(scalars[index])
    }

    /// An integer in Go's base-prefixed syntax (`0x`, `0o`, `0b`, leading-zero octal), underscores allowed.
    static func integer(_ text: String) -> Int? {
        var body = Substring(text.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if body.first == "+" || body.first == "-" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        var radix = 10
        let lower = body.lowercased()
        if lower.hasPrefix("0x") {
            radix = 16
            body = body.dropFirst(2)
        } else if lower.hasPrefix("0o") {
            radix = 8
            body = body.dropFirst(2)
        } else if lower.hasPrefix("0b") {
            radix = 2
            body = body.dropFirst(2)
        } else if body.count > 1, body.first == "0" {
            radix = 8
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isHexDigit }),
            let magnitude = Int(body, radix: radix)
        else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// A float as YAML 1.2 writes one: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
    static func float(_ text: String) -> Double? {
        let plain = text.replacingOccurrences(of: "_", with: "")
        var scalars = Substring(plain).unicodeScalars[...]
        if scalars.first == "+" || scalars.first == "-" { scalars = scalars.dropFirst() }
        let digits = scalars.prefix { ("0"..."9").contains($0) }
        scalars = scalars.dropFirst(digits.count)
        var fraction = 0
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            fraction = scalars.prefix { ("0"..."9").contains($0) }.count
            scalars = scalars.dropFirst(fraction)
            if digits.isEmpty, fraction == 0 { return nil }
        } else if digits.isEmpty {
            return nil
        }
        if scalars.first == "e" || scalars.first == "E" {
            scalars = scalars.dropFirst()
            if scalars.first == "+" || scalars.first == "-" { scalars = scalars.dropFirst() }
            let exponent = scalars.prefix { ("0"..."9").contains($0) }
            guard !exponent.isEmpty else { return nil }
            scalars = scalars.dropFirst(exponent.count)
        }
        guard scalars.isEmpty else { return nil }
        return Double(plain.hasPrefix("+") ? String(plain.dropFirst()) : plain)
    }
}
