/// Which bare strings Go's YAML encoder quotes because a reader would take them for something else: null, booleans
/// (YAML 1.1's `yes`/`on`/`y` too), numbers in any base, base-60 numbers (`12:30`) and timestamps.
enum YAMLResolution {
    static func readsAsOtherType(_ text: String) -> Bool {
        if text.isEmpty || words.contains(text) { return true }
        let bytes = Array(text.utf8)
        switch bytes[0] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"):
            let digits = bytes.filter { $0 != UInt8(ascii: "_") }
            return isInteger(digits) || isFloat(bytes) || isBase60(bytes)
                || (bytes[0] != UInt8(ascii: "+") && bytes[0] != UInt8(ascii: "-") && isTimestamp(bytes))
        case UInt8(ascii: "."):
            return isFloat(bytes)
        default:
            return false
        }
    }

    private static let words: Set<String> = [
        "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", ".inf", ".Inf", ".INF",
        "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", "<<",
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
    ]

    /// An integer as Go's `strconv.ParseInt(text, 0, 64)` or `ParseUint` reads it: a sign, then decimal, `0x`
    /// hexadecimal, `0b` binary, `0o` or leading-zero octal, within 64 bits.
    private static func isInteger(_ bytes: [UInt8]) -> Bool {
        var body = bytes[...]
        let signed = body.first == UInt8(ascii: "+") || body.first == UInt8(ascii: "-")
        if signed { body = body.dropFirst() }
        var radix: UInt64 = 10
        if body.count > 1, body.first == UInt8(ascii: "0") {
            switch body.dropFirst().first! | 0x20 {
            case UInt8(ascii: "x"): (radix, body) = (16, body.dropFirst(2))
            case UInt8(ascii: "b"): (radix, body) = (2, body.dropFirst(2))
            case UInt8(ascii: "o"): (radix, body) = (8, body.dropFirst(2))
            default: (radix, body) = (8, body.dropFirst())
            }
        }
        guard !body.isEmpty else { return false }
        var value: UInt64 = 0
        for byte in body {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt64(byte - UInt8(ascii: "A") + 10)
            default: return false
            }
            guard digit < radix else { return false }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
            let (sum, carry) = shifted.addingReportingOverflow(digit)
            if overflow || carry { return false }
            value = sum
        }
        // Signed values must fit an Int64; unsigned ones a UInt64 (ParseUint takes no sign).
        return !signed || value <= UInt64(Int64.max) + (bytes.first == UInt8(ascii: "-") ? 1 : 0)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        } else {
            guard digits() > 0 else { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                _ = digits()
            }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard digits() > 0 else { return false }
        }
        return index == bytes.count
    }

    /// YAML 1.1's base-60 numbers: `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?`.
    private static func isBase60(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { return false }
        while index < bytes.count, isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_") { index += 1 }
        var groups = 0
        while index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            index += 1
            let start = index
            while index < bytes.count, index - start < 2, isDigit(bytes[index]) { index += 1 }
            // One or two digits, the first of two at most 5.
            switch index - start {
            case 1: break
            case 2 where bytes[start] <= UInt8(ascii: "5"): break
            case 2: index -= 1
            default: return false
            }
            groups += 1
        }
        guard groups > 0 else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_") { index += 1 }
        }
        return index == bytes.count
    }

    /// A date (`2001-12-14`), or a date and time as `2001-12-14T21:59:43.10-05:00` (a zone required) or
    /// `2001-12-14 21:59:43.10` (no zone), as Go's time parser reads them: one- or two-digit fields, checked.
    private static func isTimestamp(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func number(_ minimum: Int, _ maximum: Int) -> Int? {
            var value = 0
            let start = index
            while index < bytes.count, index - start < maximum, isDigit(bytes[index]) {
                value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                index += 1
            }
            return index - start >= minimum ? value : nil
        }
        func expect(_ character: Character) -> Bool {
            guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
            index += 1
            return true
        }
        guard let year = number(4, 4), expect("-"), let month = number(1, 2), expect("-"), let day = number(1, 2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return false }
        if index == bytes.count { return true }
        let separator = bytes[index]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
        else { return false }
        index += 1
        guard let hour = number(1, 2), hour < 24, expect(":"), let minute = number(1, 2), minute < 60, expect(":"),
            let second = number(1, 2), second < 60
        else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard number(1, Int.max) != nil else { return false }
        }
        if separator == UInt8(ascii: " ") { return index == bytes.count }
        if expect("Z") { return index == bytes.count }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else {
            return false
        }
        index += 1
        guard number(2, 2) != nil, expect(":"), number(2, 2) != nil else { return false }
        return index == bytes.count
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
