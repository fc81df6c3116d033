/// Durations in Go's syntax (`1m30s`, `500ms`, `1h`), which Compose uses and prints back canonically (`1h0m0s`).
enum GoDuration {
    private static let units: [(suffix: String, nanoseconds: Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
        ("d", 86400e9),
    ]

    /// Parses a Go duration into nanoseconds; nil when the text is not one.
    static func parse(_ text: String) -> Int64? {
        var rest = Substring(text)
        var negative = false
        if rest.first == "-" || rest.first == "+" {
            negative = rest.first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let unit = units.first(where: { $0.suffix == unitText }) else { return nil }
            rest = rest.dropFirst(unitText.count)
            total += value * unit.nanoseconds
        }
        let nanoseconds = Int64(total.rounded())
        return negative ? -nanoseconds : nanoseconds
    }

    /// Formats nanoseconds as Go's `time.Duration.String()` does.
    static func format(_ nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = nanoseconds.magnitude
        if magnitude < 1_000_000_000 {
            let (unit, scale): (String, UInt64) =
                magnitude < 1_000 ? ("ns", 1) : magnitude < 1_000_000 ? ("µs", 1_000) : ("ms", 1_000_000)
            return sign + decimal(magnitude, scale: scale) + unit
        }
        let hours = magnitude / 3_600_000_000_000
        let minutes = (magnitude / 60_000_000_000) % 60
        let seconds = decimal(magnitude % 60_000_000_000, scale: 1_000_000_000)
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(seconds)s" }
        if minutes > 0 { return "\(sign)\(minutes)m\(seconds)s" }
        return "\(sign)\(seconds)s"
    }

    /// `value / scale` written with as many decimals as needed and no trailing zeros.
    private static func decimal(_ value: UInt64, scale: UInt64) -> String {
        let whole = value / scale
        var fraction = value % scale
        guard fraction > 0 else { return String(whole) }
        var digits = String(fraction)
        let width = String(scale).count - 1
        digits = String(repeating: "0", count: width - digits.count) + digits
        while digits.last == "0" {
            digits.removeLast()
            fraction /= 10
        }
        return "\(whole).\(digits)"
    }
}

/// Byte sizes as Docker reads them (`512m`, `1g`, `10KiB`, `1024`): binary multiples, printed back as a byte count.
public enum ByteSize {
    /// The byte count `text` gives; nil when it is not a size.
    public static func parse(_ text: String) -> Int64? {
        let lower = text.lowercased().trimmingCharacters(in: .whitespaces)
        var body = Substring(lower)
        if body.hasSuffix("b") {
            body = body.dropLast()
            if body.hasSuffix("i") { body = body.dropLast() }
        }
        var multiplier: Double = 1
        if let last = body.last, let power = "kmgtp".firstIndex(of: last) {
            multiplier = pow1024("kmgtp".distance(from: "kmgtp".startIndex, to: power) + 1)
            body = body.dropLast()
        }
        body = body.drop { $0 == " " }
        while body.last == " " { body = body.dropLast() }
        guard !body.isEmpty, body.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "e" || $0 == "+" }),
            let number = Double(body)
        else { return nil }
        return Int64(number * multiplier)
    }

    private static func pow1024(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 1024 }
    }
}
