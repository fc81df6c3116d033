/// Number formatting as Compose (a Go program) prints numbers, so that `pier config` prints what the reference does.
enum GoFormat {
    /// Formats like Go's `fmt.Sprint(float64)`: shortest digits, exponent form below 1e-4 and from 1e6.
    static func float(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let exponent = decimalDigits(of: value).pointPosition - 1
        return exponent < -4 || exponent >= 6 ? scientific(value) : fixed(value)
    }

    /// Go's `strconv.FormatFloat(value, 'e', -1, 64)` for a finite, non-zero value: `1e+21`, `1.5e-07`.
    static func scientific(_ value: Double) -> String {
        let (negative, digits, pointPosition) = decimalDigits(of: value)
        let exponent = pointPosition - 1
        var text = negative ? "-" : ""
        text += String(digits.first!)
        if digits.count > 1 { text += "." + digits.dropFirst() }
        text += exponent < 0 ? "e-" : "e+"
        let magnitude = String(abs(exponent))
        return text + (magnitude.count < 2 ? "0" + magnitude : magnitude)
    }

    /// Go's `strconv.FormatFloat(value, 'f', -1, 64)` for a finite value: the shortest digits that read back as
    /// `value`, without exponent (`1e20` is `100000000000000000000`, `1e-5` is `0.00001`).
    static func fixed(_ value: Double) -> String {
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (negative, digits, pointPosition) = decimalDigits(of: value)
        let text = negative ? "-" : ""
        if pointPosition <= 0 {
            return text + "0." + String(repeating: "0", count: -pointPosition) + digits
        }
        if digits.count <= pointPosition {
            return text + digits + String(repeating: "0", count: pointPosition - digits.count)
        }
        let split = digits.index(digits.startIndex, offsetBy: pointPosition)
        return text + digits[..<split] + "." + digits[split...]
    }

    /// The shortest round-tripping decimal digits of `value` (no leading or trailing zeros) and where the point goes.
    private static func decimalDigits(of value: Double) -> (negative: Bool, digits: String, pointPosition: Int) {
        var text = Substring(String(describing: abs(value)))
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        var integerPart = text
        var fraction: Substring = ""
        if let dot = text.firstIndex(of: ".") {
            integerPart = text[..<dot]
            fraction = text[text.index(after: dot)...]
        }
        var digits = String(integerPart) + String(fraction)
        var pointPosition = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (value < 0, digits.isEmpty ? "0" : digits, pointPosition)
    }
}
