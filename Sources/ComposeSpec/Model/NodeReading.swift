import Foundation

/// Reading the canonical compose tree: the loader keeps byte sizes as decimal strings (`"67108864"`), durations as
/// Go strings (`"1m30s"`), CPU counts as numbers and most flags as booleans; these accessors read each kind whatever
/// scalar form it arrived in, so a hand-built tree works as well as a loaded one.
extension Node {
    /// The value under `key`, or nil when the key is absent or explicitly null (`entrypoint: null` means unset).
    public func field(_ key: String) -> Node? {
        guard let node = self[key], !node.isNull else { return nil }
        return node
    }

    /// A whole number: an integer, an integral float or a decimal string (`"-1"`, `"512"`).
    public var int64Value: Int64? {
        switch value {
        case .int(let number): return Int64(number)
        case .double(let number) where number.rounded() == number: return Int64(number)
        case .string(let text): return Int64(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        case .string(let text): return Double(text)
        default: return nil
        }
    }

    public var boolValue: Bool? {
        switch value {
        case .bool(let flag): return flag
        case .string(let text): return ["true", "yes", "on", "1"].contains(text.lowercased())
        default: return nil
        }
    }

    /// A byte size: a plain number, or a string with a unit as Docker's `RAMInBytes` reads it (`64m`, `1gb`).
    public var byteCount: Int64? {
        if let number = int64Value { return number }
        guard let text = scalarText?.lowercased() else { return nil }
        return ByteSize.parse(text)
    }

    /// A duration in nanoseconds, from a Go duration string (`1m30s`) or a number of seconds.
    public var nanoseconds: Int64? {
        if case .string(let text) = value {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let seconds = Double(trimmed) { return Self.nanoseconds(seconds) }
            return try? GoDuration.nanoseconds(trimmed)
        }
        return doubleValue.flatMap(Self.nanoseconds)
    }

    /// `seconds` in nanoseconds; nil when that does not fit 64 bits.
    private static func nanoseconds(_ seconds: Double) -> Int64? {
        let nanoseconds = (seconds * 1e9).rounded()
        // 2^63 is the first double beyond Int64.
        guard nanoseconds.isFinite, abs(nanoseconds) < 9_223_372_036_854_775_808.0 else { return nil }
        return Int64(nanoseconds)
    }

    /// Each item of a sequence as text; a lone scalar reads as a one-item list.
    public var stringList: [String]? {
        if let items = sequence { return items.compactMap(\.scalarText) }
        return scalarText.map { [$0] }
    }

    /// A mapping's entries as text, in document order; null values stay nil.
    public var stringPairs: [(key: String, value: String?)]? {
        mapping.map { entries in entries.map { (key: $0.key, value: $0.value.scalarText) } }
    }

    /// A mapping with every value as text (null values as empty strings), for engine string maps.
    public var stringDictionary: [String: String]? {
        stringPairs.map { pairs in Dictionary(pairs.map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { $1 }) }
    }
}
