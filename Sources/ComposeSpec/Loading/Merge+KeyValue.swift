/// The attributes written either as a list of strings or as a mapping, merged by key.
extension Merge {
    /// `environment`, `labels`, ...: the later entries replace the earlier ones with the same key.
    ///
    /// A `!reset` entry in a later mapping removes the key only when the earlier value is a mapping too: the
    /// reference deletes the path from the earlier tree, and `K=V` list items have no such path.
    static func keyValues(_ base: Node, _ override: Node, at path: [String]) throws(ComposeError) -> Node {
        guard var result = keyValueEntries(base) else { return try generic(base, override, at: path) }
        switch override.value {
        case .mapping(let later):
            for (key, value) in later {
                if value.mergeTag == .reset {
                    if base.mapping != nil { result.removeValue(forKey: key) }
                } else {
                    result[key] = stripped(value)
                }
            }
        case .sequence(let items):
            for item in items where item.mergeTag != .reset {
                let (key, value) = keyValue(item)
                result[key] = value
            }
        default:
            return try generic(base, override, at: path)
        }
        return base.with(.mapping(result))
    }

    /// The entries of a list-or-mapping attribute as a mapping (`K=V` → `K: "V"`, `K` → `K: null`).
    static func keyValueEntries(_ node: Node) -> Node.Mapping? {
        switch node.value {
        case .mapping(let entries):
            return entries
        case .sequence(let items):
            var entries = Node.Mapping()
            for item in items {
                let (key, value) = keyValue(item)
                entries[key] = value
            }
            return entries
        default:
            return nil
        }
    }

    private static func keyValue(_ item: Node) -> (String, Node) {
        let text = item.scalarText ?? ""
        var value: Node
        var key = text
        if let equals = text.firstIndex(of: "=") {
            key = String(text[..<equals])
            value = .string(String(text[text.index(after: equals)...]), at: item.location)
        } else {
            value = Node(.null, at: item.location)
        }
        value.keyLocation = item.location
        return (key, value)
    }

    /// `extra_hosts`: map entries become `host=ip` items (one per address), list items stay as written, and the
    /// later items are appended. A `!reset` host in a later mapping removes what an earlier mapping gave it.
    static func hosts(_ base: Node, _ override: Node, at path: [String]) throws(ComposeError) -> Node {
        guard var items = hostItems(base), let laterItems = hostItems(override) else {
            return try generic(base, override, at: path)
        }
        if let later = override.mapping, base.mapping != nil {
            let reset = Set(later.filter { $0.value.mergeTag == .reset }.map(\.key))
            items.removeAll { $0.host.map(reset.contains) ?? false }
        }
        return base.with(.sequence((items + laterItems).map(\.node)))
    }

    private static func hostItems(_ node: Node) -> [(host: String?, node: Node)]? {
        switch node.value {
        case .sequence(let items):
            return items.filter { $0.mergeTag != .reset }.map { (nil, stripped($0)) }
        case .mapping(let entries):
            var items: [(host: String?, node: Node)] = []
            for (host, value) in entries where value.mergeTag != .reset {
                let addresses = value.sequence ?? [value]
                for address in addresses {
                    items.append((host, .string("\(host)=\(address.scalarText ?? "")", at: address.location)))
                }
            }
            return items
        default:
            return nil
        }
    }

    /// Service `networks`, `models` and `depends_on`: the list form is read as a mapping (each name given the
    /// value `listItem` makes), so the entries merge by name and `!reset` removes an entry of either form.
    static func named(
        _ base: Node, _ override: Node, at path: [String], listItem: (Node) -> Node
    ) throws(ComposeError) -> Node {
        guard let earlier = namedEntries(base, listItem: listItem),
            let later = namedEntries(override, listItem: listItem)
        else { return try generic(base, override, at: path) }
        return base.with(.mapping(try mergeEntries(earlier, later, at: path)))
    }

    private static func namedEntries(_ node: Node, listItem: (Node) -> Node) -> Node.Mapping? {
        switch node.value {
        case .mapping(let entries):
            return entries
        case .sequence(let items):
            var entries = Node.Mapping()
            for item in items where item.mergeTag != .reset {
                var value = listItem(item)
                value.keyLocation = item.location
                entries[item.scalarText ?? ""] = value
            }
            return entries
        default:
            return nil
        }
    }

    /// `build.ssh`: the reference reads the earlier list as a mapping (`id=path` → `id: path`, `id` → `id: ""`)
    /// before merging, so a later mapping merges by id and a later list cannot override it.
    static func ssh(_ base: Node, _ override: Node, at path: [String]) throws(ComposeError) -> Node {
        guard let items = base.sequence else { return try generic(base, override, at: path) }
        var entries = Node.Mapping()
        for item in items {
            let text = item.scalarText ?? ""
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            var value = Node.string(parts.count > 1 ? String(parts[1]) : "", at: item.location)
            value.keyLocation = item.location
            entries[String(parts[0])] = value
        }
        return try generic(base.with(.mapping(entries)), override, at: path)
    }
}
