/// After each merge (and for a lone file) the reference drops duplicate entries from some service lists: a later
/// entry with the same key replaces the earlier one, in the earlier one's place. Other lists keep duplicates
/// (and the schema then rejects those that must be unique, as `security_opt`).
extension Merge {
    /// How the entries of one list are identified; entries without a key raise the reference's error.
    enum EntryKey {
        /// The text of the value (`80` and `"80"` are the same entry).
        case text
        case port, volume, device, envFile
        /// The target, or `directory/source` when there is none.
        case mount(directory: String)
    }

    /// The deduplicated service lists, in the order they are checked.
    static let uniqueLists: [(attribute: String, key: EntryKey)] = [
        ("cap_add", .text), ("cap_drop", .text), ("configs", .mount(directory: "")), ("devices", .device),
        ("dns", .text), ("dns_opt", .text), ("dns_search", .text), ("env_file", .envFile), ("expose", .text),
        ("extra_hosts", .text), ("links", .text), ("ports", .port), ("profiles", .text),
        ("secrets", .mount(directory: "/run/secrets")), ("tmpfs", .text), ("volumes", .volume),
    ]

    /// The document with duplicate entries removed from every service's lists.
    static func uniqueEntries(in document: Node) throws(ComposeError) -> Node {
        guard let services = document["services"]?.mapping else { return document }
        var result = services
        var portBudget = LoaderLimits.portEntries
        for (name, service) in services {
            guard var attributes = service.mapping else { continue }
            let path = "services.\(name)"
            for (attribute, key) in uniqueLists {
                guard let items = attributes[attribute]?.sequence else { continue }
                let unique = try uniqueItems(items, key: key, path: "\(path).\(attribute)", budget: &portBudget)
                attributes[attribute] = attributes[attribute]!.with(.sequence(unique))
            }
            if let tags = attributes["build"]?["tags"]?.sequence {
                attributes["build"]!["tags"] = attributes["build"]!["tags"]!.with(
                    .sequence(try uniqueItems(tags, key: .text, path: "\(path).build.tags", budget: &portBudget)))
            }
            if case .mapping(var networks) = attributes["networks"]?.value {
                for (network, settings) in networks where settings.mapping != nil {
                    var settings = settings
                    for list in ["aliases", "link_local_ips"] {
                        guard let items = settings[list]?.sequence else { continue }
                        settings[list] = settings[list]!.with(
                            .sequence(
                                try uniqueItems(
                                    items, key: .text, path: "\(path).networks.\(network).\(list)",
                                    budget: &portBudget)))
                    }
                    networks[network] = settings
                }
                attributes["networks"] = attributes["networks"]!.with(.mapping(networks))
            }
            result[name] = service.with(.mapping(attributes))
        }
        var copy = document
        copy["services"] = document["services"]!.with(.mapping(result))
        return copy
    }

    /// The items with later duplicates moved into the place of the first one. A short port range counts as one
    /// item per port, so it is split first.
    ///
    /// `budget` bounds the ports that ranges expand to in the whole project (`LoaderLimits.portEntries`).
    static func uniqueItems(
        _ items: [Node], key: EntryKey, path: String, budget: inout Int
    ) throws(ComposeError) -> [Node] {
        var unique: [Node] = []
        var positions: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let entries = try keyedEntries(item, key: key, at: "\(path).[\(index)]")
            if case .port = key {
                budget -= entries.count
                if budget < 0 {
                    throw ComposeError(
                        .invalidValue,
                        LoaderLimits.exceeded("ports expand to more than \(LoaderLimits.portEntries) in all"),
                        at: item.location)
                }
            }
            for (identity, entry) in entries {
                if let position = positions[identity] {
                    unique[position] = entry
                } else {
                    positions[identity] = unique.count
                    unique.append(entry)
                }
            }
        }
        return unique
    }

    private static func keyedEntries(
        _ item: Node, key: EntryKey, at path: String
    ) throws(ComposeError) -> [(String, Node)] {
        switch key {
        case .text:
            return [(item.scalarText ?? "\(item.value)", item)]
        case .port:
            return try portEntries(item, at: path)
        case .volume:
            if let spec = item.scalarText { return [(volumeTarget(spec), item)] }
            return [(try required(item["target"], "service volume \(path) is missing a mount target", item), item)]
        case .device:
            if let spec = item.scalarText { return [(deviceTarget(spec), item)] }
            return [(try required(item["target"], "service device \(path) is missing a mount target", item), item)]
        case .envFile:
            if let file = item.scalarText { return [(file, item)] }
            return [(try required(item["path"], "environment path attribute \(path) is missing", item), item)]
        case .mount(let directory):
            if let source = item.scalarText { return [("\(directory)/\(source)", item)] }
            if let target = item["target"]?.scalarText { return [(target, item)] }
            return [("\(directory)/\(item["source"]?.scalarText ?? "")", item)]
        }
    }

    private static func required(_ value: Node?, _ message: String, _ item: Node) throws(ComposeError) -> String {
        guard let text = value?.scalarText else { throw ComposeError(.invalidValue, message, at: item.location) }
        return text
    }
}
