/// Equality as JSON Schema's `uniqueItems` sees it: by value, ignoring where nodes were written and the order of
/// mapping keys, with `1` equal to `1.0`.
enum NodeEquality {
    static func equal(_ lhs: Node, _ rhs: Node) -> Bool {
        switch (lhs.value, rhs.value) {
        case (.null, .null): return true
        case (.bool(let left), .bool(let right)): return left == right
        case (.string(let left), .string(let right)): return left == right
        case (.int(let left), .int(let right)): return left == right
        case (.int(let left), .double(let right)), (.double(let right), .int(let left)): return Double(left) == right
        case (.double(let left), .double(let right)): return left == right
        case (.sequence(let left), .sequence(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { equal($0, $1) }
        case (.mapping(let left), .mapping(let right)):
            return left.count == right.count
                && left.allSatisfy { key, value in right[key].map { equal(value, $0) } ?? false }
        default: return false
        }
    }

    /// The indices of the first item that repeats an earlier one, and of that earlier one. Lists of strings (the
    /// usual case) are checked with a dictionary; others pairwise, which is fine for the short lists compose uses.
    static func firstDuplicate(in items: [Node]) -> (first: Int, second: Int)? {
        guard items.count > 1 else { return nil }
        if items.allSatisfy({ $0.string != nil }) {
            var seen: [String: Int] = [:]
            for (index, item) in items.enumerated() {
                if let first = seen[item.string!] { return (first, index) }
                seen[item.string!] = index
            }
            return nil
        }
        for second in 1..<items.count {
            if let first = (0..<second).first(where: { equal(items[$0], items[second]) }) { return (first, second) }
        }
        return nil
    }
}
