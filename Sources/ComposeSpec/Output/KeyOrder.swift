/// The order in which Docker Compose writes the keys of one kind of object.
///
/// Compose prints its Go model: the fields of a struct come in declaration order, the keys of a map sorted (see
/// `Collation`). A `KeyOrder` says which of the two an object is and, for each key, how its value is ordered (for
/// a list, each item of it). The tables themselves are in `CanonicalKeyOrder.swift`.
final class KeyOrder: Sendable {
    /// A struct's field positions; nil for a map.
    private let positions: [String: Int]?
    /// The order inside the value of a named key.
    private let nested: [String: KeyOrder]
    /// The order inside the values of the other keys; nil for sorted maps all the way down.
    private let values: KeyOrder?
    /// Fields Compose holds as 32-bit floats, so it prints them with at most 9 significant digits.
    private let singlePrecision: Set<String>

    private init(
        fields: [String]?, nested: [String: KeyOrder], values: KeyOrder?, singlePrecision: Set<String> = []
    ) {
        self.positions = fields.map { Dictionary(uniqueKeysWithValues: $0.enumerated().map { ($1, $0) }) }
        self.nested = nested
        self.values = values
        self.singlePrecision = singlePrecision
    }

    /// A struct: the named fields in this order, then anything else (extensions) sorted.
    static func fields(
        _ names: [String], _ nested: [String: KeyOrder] = [:], singlePrecision: Set<String> = []
    ) -> KeyOrder {
        KeyOrder(fields: names, nested: nested, values: nil, singlePrecision: singlePrecision)
    }

    /// A map whose values are all of one kind.
    static func map(of values: KeyOrder) -> KeyOrder {
        KeyOrder(fields: nil, nested: [:], values: values)
    }

    /// A map with some keys whose values are of known kinds.
    static func map(_ nested: [String: KeyOrder]) -> KeyOrder {
        KeyOrder(fields: nil, nested: nested, values: nil)
    }

    /// A map of maps, as Go writes `map[string]any`: sorted keys at every level.
    static let sorted = KeyOrder(fields: nil, nested: [:], values: nil)

    /// The order inside the value of `key`.
    func child(_ key: String) -> KeyOrder {
        nested[key] ?? values ?? .sorted
    }

    /// The value of `key` as Compose prints it: a 32-bit float field rounded to the nearest 32-bit float, as the
    /// double with the same shortest decimal form (`0.333333333` prints as `0.33333334`).
    func printed(_ value: Node, forKey key: String) -> Node {
        guard case .double(let number) = value.value, singlePrecision.contains(key) else { return value }
        return value.with(.double(Double(String(Float(number))) ?? number))
    }

    /// How map keys compare: Go's JSON encoder sorts them by their bytes, its YAML encoder in a natural order.
    enum Collation {
        case bytes
        case yaml
    }

    /// Puts the entries of an object of this kind in the order Compose writes them.
    func arrange(_ entries: inout Node.Mapping, collation: Collation) {
        guard entries.count > 1 else { return }
        let keyOrder: (String, String) -> Bool
        switch collation {
        case .bytes: keyOrder = { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        case .yaml: keyOrder = { YAMLKeyOrder.isBefore($0, $1) }
        }
        let isBefore: (String, String) -> Bool
        if let positions {
            isBefore = { lhs, rhs in
                switch (positions[lhs], positions[rhs]) {
                case let (left?, right?): return left < right
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return keyOrder(lhs, rhs)
                }
            }
        } else {
            isBefore = keyOrder
        }
        let keys = entries.keys
        for index in 1..<keys.count where !isBefore(keys[index - 1], keys[index]) {
            entries.sort { isBefore($0.key, $1.key) }
            return
        }
    }
}
