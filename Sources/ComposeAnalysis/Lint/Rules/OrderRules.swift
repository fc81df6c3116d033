import ComposeSpec

/// How files are ordered, read from each file as written.
extension LintRule {
    static let orderRules: [LintRule] = [
        LintRule(
            "services-order", .style, .info, title: "Services should be sorted by name", enabledByDefault: false,
            explanation: "Services in name order are easier to find in a long file. Off by default."
        ) { context in
            context.rawDocuments.compactMap { _, document in
                guard let services = document["services"]?.mapping else { return nil }
                return Self.firstUnsorted(Array(services)).map { key, node in
                    LintIssue(
                        "service \"\(key)\" is out of name order", at: node.keyLocation ?? node.location, service: key)
                }
            }
        },
        LintRule(
            "top-level-order", .style, .info, title: "Top-level keys should follow the usual order",
            enabledByDefault: false,
            explanation: """
                The usual order of top-level keys: extensions (`x-…`), `name`, `include`, `services`, `models`, \
                `networks`, `volumes`, `secrets`, `configs`. Off by default.
                """
        ) { context in
            context.rawDocuments.compactMap { _, document in
                guard let entries = document.mapping else { return nil }
                return Self.firstOutOfOrder(Array(entries), order: Self.topLevelOrder).map { key, node in
                    LintIssue("top-level key \(key) is out of the usual order", at: node.keyLocation ?? node.location)
                }
            }
        },
        LintRule(
            "service-keys-order", .style, .info, title: "Service keys should follow the usual order",
            enabledByDefault: false,
            explanation: """
                The usual order of a service's keys: what it runs (`image`, `build`, `container_name`), what it \
                needs (`depends_on`, volumes, secrets, configs, environment), its network and ports, how it runs \
                (`command`, `user`, `healthcheck`, `restart`), then the rest. Off by default.
                """
        ) { context in
            context.rawServices.compactMap { _, name, node in
                guard let entries = node.mapping else { return nil }
                return Self.firstOutOfOrder(Array(entries), order: Self.serviceKeyOrder).map { key, value in
                    LintIssue(
                        "service \"\(name)\": key \(key) is out of the usual order",
                        at: value.keyLocation ?? value.location, service: name)
                }
            }
        },
        LintRule(
            "depends-on-order", .style, .info, title: "Dependencies should be sorted by name",
            explanation: """
                A `depends_on` sorted by service name is easier to read, to compare with the graph, and to merge \
                when two changes add dependencies.
                """
        ) { context in
            context.rawServices.compactMap { _, name, node in
                guard let dependsOn = node["depends_on"] else { return nil }
                let entries: [(String, Node)] =
                    dependsOn.mapping.map(Array.init) ?? (dependsOn.sequence ?? []).map { ($0.scalarText ?? "", $0) }
                return Self.firstUnsorted(entries).map { key, value in
                    LintIssue(
                        "service \"\(name)\": depends_on \(key) is out of name order",
                        at: value.keyLocation ?? value.location, service: name)
                }
            }
        },
        LintRule(
            "ports-order", .style, .info, title: "Ports should be sorted by host port", fixable: true,
            explanation: """
                Ports sorted by host port are easier to scan for clashes. `--fix` sorts a list of one-line \
                short-syntax entries.
                """
        ) { context in
            context.rawServices.compactMap { file, name, node in
                guard let ports = node["ports"]?.sequence, ports.count > 1 else { return nil }
                let keys = ports.map(Self.portSortKey)
                guard let index = keys.indices.dropFirst().first(where: { keys[$0] < keys[$0 - 1] }) else { return nil }
                let fix = Self.sortedLinesFix(ports, keys: keys, sources: context.sources)
                return LintIssue(
                    "service \"\(name)\": port \(ports[index].scalarText ?? "") is out of order",
                    at: ports[index].location, service: name, fix: fix)
            }
        },
    ]

    static let topLevelOrder =
        ["version", "name", "include", "services", "models", "networks", "volumes"]
        + ["secrets", "configs"]
    static let serviceKeyOrder = [
        "extends", "image", "build", "pull_policy", "container_name", "hostname", "platform", "profiles", "depends_on",
        "links", "volumes_from", "volumes", "tmpfs", "secrets", "configs", "env_file", "environment", "networks",
        "network_mode", "extra_hosts", "dns", "ports", "expose", "entrypoint", "command", "working_dir", "user",
        "healthcheck", "restart", "stop_grace_period", "logging", "labels", "deploy",
    ]

    /// The first entry whose key sorts before the one above it.
    static func firstUnsorted(_ entries: [(String, Node)]) -> (String, Node)? {
        guard entries.count > 1 else { return nil }
        return entries.indices.dropFirst().first { entries[$0].0 < entries[$0 - 1].0 }.map { entries[$0] }
    }

    /// The first known key that comes after a key the order puts after it; `x-` keys go first, unknown keys last.
    static func firstOutOfOrder(_ entries: [(String, Node)], order: [String]) -> (String, Node)? {
        func rank(_ key: String) -> Int {
            if key.hasPrefix("x-") { return -1 }
            return order.firstIndex(of: key) ?? order.count
        }
        var highest = Int.min
        for entry in entries {
            let current = rank(entry.0)
            if current < highest { return entry }
            highest = max(highest, current)
        }
        return nil
    }

    /// A port's host port (then its text), for sorting: `"127.0.0.1:8080:80"` sorts as 8080.
    static func portSortKey(_ port: Node) -> PortKey {
        if let published = port["published"]?.scalarText {
            return PortKey(number: Int(published.prefix { $0.isNumber }) ?? 0, text: published)
        }
        let text = port.scalarText ?? ""
        let parts = text.split(separator: ":")
        let host = parts.count >= 2 ? parts[parts.count - 2] : parts.last ?? ""
        return PortKey(number: Int(host.prefix { $0.isNumber }) ?? Int.max, text: text)
    }

    struct PortKey: Comparable {
        var number: Int
        var text: String
        static func < (left: PortKey, right: PortKey) -> Bool { (left.number, left.text) < (right.number, right.text) }
    }

    /// Sorts one-line items written on consecutive lines; nil when the items are not written so.
    static func sortedLinesFix(_ items: [Node], keys: [PortKey], sources: SourceFiles) -> TextEdit? {
        let spans = items.compactMap { ScalarSpan($0.location, sources: sources) }
        guard spans.count == items.count, let first = spans.first,
            spans.enumerated().allSatisfy({ $1.line == first.line + $0 && $1.file == first.file })
        else { return nil }
        let order = items.indices.sorted { keys[$0] < keys[$1] }
        return TextEdit(
            file: first.file, lines: first.line...(first.line + spans.count - 1),
            replacement: order.map { spans[$0].lineText })
    }
}
