/// Durations in Go's syntax (`1m30s`, `500ms`, `1h`) with Compose's `d` and `w`, which Compose prints back
/// canonically (`1h0m0s`). A duration is a signed count of nanoseconds that fits 64 bits.
enum GoDuration {
    /// Why a text is not a duration, worded after the reference's `time: invalid duration "…"`.
    enum Failure: Error, Sendable, Equatable {
        case invalid
        case missingUnit
        case unknownUnit(String)
        case outOfRange

        /// The message for `text`: `invalid duration "1e3s": unknown unit "e"`.
        func message(for text: String) -> String {
            let reason: String
            switch self {
            case .invalid: return "invalid duration \(GoQuote.quoted(text))"
            case .missingUnit: reason = "missing unit (ns, us, ms, s, m, h, d or w)"
            case .unknownUnit(let unit): reason = "unknown unit \(GoQuote.quoted(unit)) (ns, us, ms, s, m, h, d or w)"
            case .outOfRange: reason = "longer than \(GoDuration.format(.max))"
            }
            return "invalid duration \(GoQuote.quoted(text)): \(reason)"
        }
    }

    private static let units: [String: UInt64] = [
        "ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000, "s": 1_000_000_000,
        "m": 60_000_000_000, "h": 3_600_000_000_000, "d": 86_400_000_000_000, "w": 604_800_000_000_000,
    ]

    /// Parses a duration into nanoseconds, or says why it is not one. Each number is read in full, with no
    /// rounding of its integer part and the fraction scaled as Go does; a total beyond 64 bits (either sign) fails.
    static func nanoseconds(_ text: String) throws(Failure) -> Int64 {
        var rest = Array(text.unicodeScalars)[...]
        var negative = false
        if let sign = rest.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        if rest.count == 1, rest.first == "0" { return 0 }
        guard !rest.isEmpty else { throw .invalid }
        let limit = UInt64(Int64.max)
        var total: UInt64 = 0
        while !rest.isEmpty {
            guard let first = rest.first, first == "." || isDigit(first) else { throw .invalid }
            var whole: UInt64 = 0
            let wholeDigits = rest.prefix(while: isDigit)
            for digit in wholeDigits {
                let (shifted, overflow) = whole.multipliedReportingOverflow(by: 10)
                guard !overflow, shifted <= limit - UInt64(digit.value - 48) else { throw .invalid }
                whole = shifted + UInt64(digit.value - 48)
            }
            rest = rest.dropFirst(wholeDigits.count)
            var fraction: UInt64 = 0
            var scale = 1.0
            var fractionDigits = 0
            if rest.first == "." {
                rest = rest.dropFirst()
                let digits = rest.prefix(while: isDigit)
                fractionDigits = digits.count
                for digit in digits where fraction <= (limit - 9) / 10 {
                    fraction = fraction * 10 + UInt64(digit.value - 48)
                    scale *= 10
                }
                rest = rest.dropFirst(digits.count)
            }
            guard !wholeDigits.isEmpty || fractionDigits > 0 else { throw .invalid }
            let unitText = rest.prefix { !($0 == "." || isDigit($0)) }
            guard !unitText.isEmpty else { throw .missingUnit }
            var unitName = String.UnicodeScalarView()
            unitName.append(contentsOf: unitText)
            guard let unit = units[String(unitName)] else { throw .unknownUnit(String(unitName)) }
            rest = rest.dropFirst(unitText.count)
            guard whole <= limit / unit else { throw .outOfRange }
            var value = whole * unit
            if fraction > 0 {
                value += UInt64(Double(fraction) * (Double(unit) / scale))
                guard value <= limit else { throw .outOfRange }
            }
            guard value <= limit - total else { throw .outOfRange }
            total += value
        }
        return negative ? -Int64(total) : Int64(total)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
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
        let fraction = value % scale
        guard fraction > 0 else { return String(whole) }
        var digits = String(fraction)
        let width = String(scale).count - 1
        digits = String(repeating: "0", count: width - digits.count) + digits
        while digits.last == "0" { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}

/// `pull_policy: every_<interval>`: numbers each followed by `w`, `d`, `h`, `m` or `s` (the schema checks the form).
enum PullInterval {
    private static let units: [Character: UInt64] = ["w": 604_800, "d": 86_400, "h": 3_600, "m": 60, "s": 1]

    /// The interval in seconds; nil when it does not fit 64 bits (or is malformed).
    static func seconds(_ text: Substring) -> Int64? {
        var total: UInt64 = 0
        var number: UInt64 = 0
        for character in text {
            if let digit = character.wholeNumberValue, character.isASCII {
                let (shifted, overflow) = number.multipliedReportingOverflow(by: 10)
                guard !overflow, shifted <= UInt64(Int64.max) - UInt64(digit) else { return nil }
                number = shifted + UInt64(digit)
            } else if let unit = units[character] {
                let (product, overflow) = number.multipliedReportingOverflow(by: unit)
                guard !overflow, product <= UInt64(Int64.max) - total else { return nil }
                total += product
                number = 0
            } else {
                return nil
            }
        }
        return Int64(total)
    }
}
