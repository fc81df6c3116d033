/// Merging compose trees the way `docker compose -f a.yaml -f b.yaml` does (Docker Compose v2.40.3).
///
/// The rules were found by experiment against the reference: most values merge generically (mappings key by key,
/// sequences appended, scalars replaced, a later `null` ignored); the attributes listed in `Merge+Rules.swift`
/// have their own rule; after a merge some service lists lose duplicate entries (`Merge+Unique.swift`).
///
/// YAML tags in the later file change the merge: `!reset` removes the value from the earlier file (and is dropped
/// itself, whatever it holds), `!override` replaces the earlier value instead of merging with it. `!reset` items of
/// sequences are simply dropped. Every node keeps the location of the file that provided it.
enum Merge {
    /// Merges a later compose file (or YAML document) into an earlier one as `docker compose -f a -f b` does.
    /// Both are raw trees (after interpolation, before normalization).
    ///
    /// With an empty mapping as `base`, this prepares a lone file as the reference does: `!reset` values removed
    /// and duplicate list entries (ports, volumes, ...) collapsed.
    static func documents(_ base: Node, _ override: Node) throws(ComposeError) -> Node {
        let merged = try merge(stripped(base), override, at: [])
        return try uniqueEntries(in: merged)
    }

    /// Merges one service definition over another: used by the above and by `extends` (base = extended service).
    ///
    /// Duplicate list entries are left for `documents` to collapse, as the reference does after `extends`.
    /// Errors name the service `x`, as the reference does for `extends`.
    static func service(_ base: Node, _ override: Node) throws(ComposeError) -> Node {
        try merge(stripped(base), override, at: ["services", "x"])
    }

    /// Merges `override` into `base` at `path` (the keys leading to these values, for rules and messages).
    /// `base` holds no merge tags any more; `override` still does.
    static func merge(_ base: Node, _ override: Node, at path: [String]) throws(ComposeError) -> Node {
        let rule = Rule.at(path)
        if override.isNull {
            return rule == .replace ? stripped(override) : base
        }
        if base.isNull {
            return stripped(override)
        }
        if let rule {
            return try apply(rule, base, override, at: path)
        }
        return try generic(base, override, at: path)
    }

    /// Mappings merge key by key, sequences are appended, anything else is replaced; a mapping or a sequence
    /// cannot be replaced by a value of another kind.
    static func generic(_ base: Node, _ override: Node, at path: [String]) throws(ComposeError) -> Node {
        switch (base.value, override.value) {
        case (.mapping(let earlier), .mapping(let later)):
            return base.with(.mapping(try mergeEntries(earlier, later, at: path)))
        case (.sequence(let earlier), .sequence(let later)):
            return base.with(.sequence(earlier + later.filter { $0.mergeTag != .reset }.map(stripped)))
        case (.mapping, _), (.sequence, _):
            throw cannotOverride(override, at: path)
        default:
            return stripped(override)
        }
    }

    /// Merges the entries of a later mapping into an earlier one, honouring `!reset` and `!override` on each value.
    static func mergeEntries(
        _ base: Node.Mapping, _ override: Node.Mapping, at path: [String]
    ) throws(ComposeError) -> Node.Mapping {
        var result = base
        for (key, value) in override {
            switch value.mergeTag {
            case .reset:
                result.removeValue(forKey: key)
            case .override:
                result[key] = stripped(value)
            case nil:
                if let earlier = result[key] {
                    result[key] = try merge(earlier, value, at: path + [key])
                } else {
                    result[key] = stripped(value)
                }
            }
        }
        return result
    }

    /// The node without its `!reset` descendants (removed from mappings and sequences) and without merge tags:
    /// what a file contributes once its tags have done their work.
    static func stripped(_ node: Node) -> Node {
        var copy = node
        copy.mergeTag = nil
        switch node.value {
        case .mapping(let entries):
            var kept = Node.Mapping()
            for (key, value) in entries where value.mergeTag != .reset {
                kept[key] = stripped(value)
            }
            copy.value = .mapping(kept)
        case .sequence(let items):
            copy.value = .sequence(items.filter { $0.mergeTag != .reset }.map(stripped))
        default:
            break
        }
        return copy
    }

    /// The reference's message when a mapping or a sequence meets a value of another kind.
    static func cannotOverride(_ override: Node, at path: [String]) -> ComposeError {
        ComposeError(.wrongType, "cannot override \(path.joined(separator: "."))", at: override.location)
    }
}
