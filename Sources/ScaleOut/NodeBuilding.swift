import ComposeSpec

/// Building the documents conversions write (manifests, stack files) as `Node` trees, whose mappings keep the order
/// keys are written in; ``ComposeSpec/YAMLWriter`` prints them.
extension Node {
    static func text(_ text: String) -> Node { Node(.string(text)) }
    static func integer(_ number: Int) -> Node { Node(.int(number)) }
    static func integer(_ number: Int64) -> Node { Node(.int(Int(number))) }
    static func flag(_ flag: Bool) -> Node { Node(.bool(flag)) }

    /// A mapping of the entries whose value is not nil, in the order given.
    static func object(_ entries: KeyValuePairs<String, Node?>) -> Node {
        var mapping = Mapping()
        for (key, value) in entries { if let value { mapping[key] = value } }
        return Node(.mapping(mapping))
    }

    static func list(_ items: [Node]) -> Node { Node(.sequence(items)) }

    /// The list, or nil when it is empty (a key left out rather than written empty).
    static func nonEmptyList(_ items: [Node]) -> Node? { items.isEmpty ? nil : list(items) }

    /// The mapping, or nil when it is empty.
    static func nonEmptyObject(_ mapping: Mapping) -> Node? { mapping.isEmpty ? nil : Node(.mapping(mapping)) }

    /// A mapping of strings, keys in the order given.
    static func strings(_ pairs: [(String, String)]) -> Node {
        var mapping = Mapping()
        for (key, value) in pairs { mapping[key] = .text(value) }
        return Node(.mapping(mapping))
    }

    /// Sets `key` to `value`, or removes it when `value` is nil.
    mutating func set(_ key: String, _ value: Node?) {
        guard case .mapping(var entries) = self.value else { return }
        entries[key] = value
        self.value = .mapping(entries)
    }
}
