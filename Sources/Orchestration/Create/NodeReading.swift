import Foundation
import ComposeSpec

/// Reading the canonical compose tree: the loader keeps byte sizes as decimal strings (`"67108864"`), durations as
/// Go strings (`"1m30s"`), CPU counts as numbers and most flags as booleans; these accessors read each kind whatever
/// scalar form it arrived in, so a hand-built tree works as well as a loaded one.
extension Node {
    /// The value under `key`, or nil when the key is absent or explicitly null (`entrypoint: null` means unset).
    func field(_ key: String) -> Node? {
        guard let node = self[key], !node.isNull else { return nil }
        return node
    }

    /// A whole number: an integer, an integral float or a decimal string (`"-1"`, `"512"`).
    var int64Value: Int64? {
        switch value {
        case .int(let number): return Int64(number)
        case .double(let number) where number.rounded() == number: return Int64(number)
        case .string(let text): return Int64(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    var doubleValue: Double? {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        case .string(let text): return Double(text)
        default: return nil
        }
    }

    var boolValue: Bool? {
        switch value {
        case .bool(let flag): return flag
        case .string(let text): return ["true", "yes", "on", "1"].contains(text.lowercased())
        default: return nil
        }
    }

    /// A byte size: a plain number, or a string with a unit as Docker's `RAMInBytes` reads it (`64m`, `1gb`).
    var byteCount: Int64? {
        if let number = int64Value { return number }
        guard let text = scalarText?.lowercased() else { return nil }
        return ByteSize.parse(text)
    }

    /// A duration in nanoseconds, from a Go duration string (`1m30s`) or a number of seconds.
    var nanoseconds: Int64? {
        if case .string(let text) = value { return GoDurationText.nanoseconds(text) }
        guard let seconds = doubleValue else { return nil }
        return Int64((seconds * 1e9).rounded())
    }

    /// Each item of a sequence as text; a lone scalar reads as a one-item list.
    var stringList: [String]? {
        if let items = sequence { return items.compactMap(\.scalarText) }
        return scalarText.map { [$0] }
    }

    /// A mapping's entries as text, in document order; null values stay nil.
    var stringPairs: [(key: String, value: String?)]? {
        mapping.map { entries in entries.map { (key: $0.key, value: $0.value.scalarText) } }
    }

    /// A mapping with every value as text (null values as empty strings), for engine string maps.
    var stringDictionary: [String: String]? {
        stringPairs.map { pairs in Dictionary(pairs.map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { $1 }) }
    }
}

/// Go's duration syntax, as Compose writes `interval`, `stop_grace_period` and friends.
enum GoDurationText {
    private static let units: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
    ]

    static func nanoseconds(_ text: String) -> Int64? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        let negative = rest.first == "-"
        if rest.first == "-" || rest.first == "+" { rest = rest.dropFirst() }
        if rest == "0" { return 0 }
        if let seconds = Double(rest) { return Int64((seconds * 1e9).rounded()) * (negative ? -1 : 1) }
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard let number = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let scale = units[String(unit)] else { return nil }
            rest = rest.dropFirst(unit.count)
            total += number * scale
        }
        return Int64(total.rounded()) * (negative ? -1 : 1)
    }
}

/// Byte sizes with units, read the way the Docker CLI reads `--memory` (binary multiples, optional `b`).
enum ByteSize {
    static func parse(_ text: String) -> Int64? {
        let kilo = 1024.0
        let units: [(String, Double)] = [
            ("kb", kilo), ("mb", kilo * kilo), ("gb", kilo * kilo * kilo), ("k", kilo), ("m", kilo * kilo),
            ("g", kilo * kilo * kilo), ("b", 1),
        ]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let number = Double(text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)) else {
                return nil
            }
            return Int64(number * scale)
        }
        return Int64(text)
    }
}
