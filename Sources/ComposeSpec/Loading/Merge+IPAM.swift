extension Merge {
    /// Top-level `networks.*.ipam.config`, reproducing the reference's merge by subnet, quirks included.
    ///
    /// For each earlier pool, in order, and each later pool, in order: a later pool with another subnet is added
    /// as it is unless a pool with its subnet is already in the result; otherwise the later pool is merged
    /// *into the earlier pool*, which takes the later subnet, and the earlier pool takes the place of the result
    /// pool with that subnet (or is added). The reference merges in place, so an earlier pool already in the
    /// result keeps changing with later merges; slots that refer to an earlier pool reproduce that.
    /// Consequences: earlier pools whose subnet is not in the later list disappear, and an empty list on either
    /// side gives an empty list.
    static func ipamConfig(_ base: Node, _ override: Node, at path: [String]) throws(ComposeError) -> Node {
        guard var earlier = base.sequence, let later = stripped(override).sequence,
            earlier.allSatisfy({ $0.mapping != nil }), later.allSatisfy({ $0.mapping != nil })
        else { return try generic(base, override, at: path) }

        enum Slot {
            case earlier(Int)
            case later(Node)
        }
        var slots: [Slot] = []
        func node(_ slot: Slot) -> Node {
            switch slot {
            case .earlier(let index): return earlier[index]
            case .later(let pool): return pool
            }
        }
        func slot(withSubnet subnet: String?) -> Int? {
            slots.firstIndex { node($0)["subnet"]?.scalarText == subnet }
        }

        for index in earlier.indices {
            for pool in later {
                let subnet = pool["subnet"]?.scalarText
                if subnet != earlier[index]["subnet"]?.scalarText, slot(withSubnet: subnet) == nil {
                    slots.append(.later(pool))
                    continue
                }
                earlier[index] = try generic(earlier[index], pool, at: path)
                if let existing = slot(withSubnet: earlier[index]["subnet"]?.scalarText) {
                    slots[existing] = .earlier(index)
                } else {
                    slots.append(.earlier(index))
                }
            }
        }
        return base.with(.sequence(slots.map(node)))
    }
}
