/// Byte sizes as Compose reads them (`512m`, `1.5g`, `10KiB`, `1 k`, `1024`): a decimal number, at most one space,
/// and an optional unit (`b`, or `k`, `m`, `g`, `t`, `p` alone or followed by `b` or `ib`, in any case), in binary
/// multiples. A size is not negative and fits 64 bits; a fraction of a byte is dropped.
public enum ByteSize {
    /// Why a text is not a size.
    enum Failure: Error, Sendable, Equatable {
        /// No digit at all (`lots`, `k`, `inf`).
        case noNumber
        /// The part before the unit is not a number (`0x10`, `1.5.5`, ` 1`).
        case notANumber(String)
        case unknownUnit(String)
        case negative
        case outOfRange

        /// The message for `text`: `invalid size "1x": unknown unit "x"`.
        func message(for text: String) -> String {
            let reason: String
            switch self {
            case .noNumber: return "invalid size \(GoQuote.quoted(text))"
            case .notANumber(let number): reason = "\(GoQuote.quoted(number)) is not a number"
            case .unknownUnit(let unit):
                reason = "unknown unit \(GoQuote.quoted(unit)) (b, k, m, g, t or p, optionally followed by b or ib)"
            case .negative: reason = "a size cannot be negative"
            case .outOfRange: reason = "more than 8 EiB"
            }
            return "invalid size \(GoQuote.quoted(text)): \(reason)"
        }
    }

    private static let multiples: [Unicode.Scalar: Double] = [
        "k": 1024, "m": 1_048_576, "g": 1_073_741_824, "t": 1_099_511_627_776, "p": 1_125_899_906_842_624,
    ]

    /// The byte count `text` gives; nil when it is not a size.
    public static func parse(_ text: String) -> Int64? {
        try? bytes(text)
    }

    /// The size in bytes, or why the text is not a size.
    static func bytes(_ text: String) throws(Failure) -> Int64 {
        let scalars = Array(text.unicodeScalars)
        // The number runs to the last digit, dot or space; one space may separate it from the unit.
        guard let last = scalars.lastIndex(where: { ("0"..."9").contains($0) || $0 == "." || $0 == " " }),
            scalars.contains(where: { ("0"..."9").contains($0) })
        else { throw .noNumber }
        let numberEnd = scalars[last] == " " ? last : last + 1
        let numberText = string(scalars[..<numberEnd])
        guard let number = SchemaCasting.goFloat(numberText), !number.isNaN else {
            throw .notANumber(numberText)
        }
        guard number >= 0 else { throw .negative }
        let unit = string(scalars[(last + 1)...]).lowercased()
        let size = number * (try multiple(of: unit))
        // 2^63 is the first double beyond Int64.
        guard size < 9_223_372_036_854_775_808.0 else { throw .outOfRange }
        return Int64(size)
    }

    private static func multiple(of unit: String) throws(Failure) -> Double {
        let scalars = Array(unit.unicodeScalars)
        guard let first = scalars.first else { return 1 }
        if first == "b", scalars.count == 1 { return 1 }
        guard let multiple = multiples[first], scalars.count == 1 || unit.dropFirst() == "b" || unit.dropFirst() == "ib"
        else { throw .unknownUnit(unit) }
        return multiple
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
