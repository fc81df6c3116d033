/// Converts strings to the numbers and booleans some attributes need, as the reference does right after
/// interpolation: `replicas: ${N}` with `N=3` becomes the integer 3, `read_only: "true"` the boolean true.
///
/// Only the paths in `rules` are cast, and only string values there; found one by one with `compose-ref config`
/// (an attribute is cast when a non-numeric string there fails with "failed to cast to expected type" before
/// validation). Many attributes the schema types as `integer | string` are *not* cast (`mem_swappiness`,
/// `blkio_config.weight`, `ports[].published`, `deploy.resources.limits.pids`…): the reference converts those
/// later, when it decodes the project, so they stay strings here.
///
/// The reference casts as part of interpolation: with `--no-interpolate` nothing is cast (`read_only: "yes"` stays
/// the string `yes`, which the schema accepts), so callers should cast only when they interpolate.
enum SchemaCasting {
    enum Kind: Sendable {
        /// Go's `strconv.Atoi`: optional sign, decimal digits, 64-bit range.
        case integer
        /// Go's `strconv.ParseFloat`.
        case number
        /// `true`/`false` in any letter case; `y`, `yes`, `on`, `n`, `no`, `off` (any case) with a warning.
        case boolean
    }

    /// Converts string scalars at paths the schema types as integer/number/boolean into those types, as Compose
    /// does after interpolation (so `replicas: ${N}` with N=3 becomes the integer 3, and `read_only: "true"` a bool).
    ///
    /// Appends a warning for each YAML 1.1 boolean spelling (`yes`, `off`…), quoted or not, which the reference
    /// accepts with `"yes" for boolean is not supported by YAML 1.2, please use `true``.
    static func cast(_ document: Node, warnings: inout [ComposeWarning]) throws(ComposeError) -> Node {
        var path: [String] = []
        return try cast(document, rules: CastRule.root, path: &path, warnings: &warnings) ?? document
    }

    /// `cast(_:warnings:)`, dropping the warnings.
    static func cast(_ document: Node) throws(ComposeError) -> Node {
        var ignored: [ComposeWarning] = []
        return try cast(document, warnings: &ignored)
    }

    /// The cast paths, as the reference spells them: `*` is any key, `[]` any list item.
    static let rules: [(path: String, kind: Kind)] = [
        ("services.*.cpu_count", .integer), ("services.*.cpu_percent", .number), ("services.*.cpu_period", .integer),
        ("services.*.cpu_quota", .integer), ("services.*.cpu_rt_period", .integer),
        ("services.*.cpu_rt_runtime", .integer), ("services.*.cpu_shares", .integer), ("services.*.cpus", .number),
        ("services.*.deploy.replicas", .integer),
        ("services.*.deploy.placement.max_replicas_per_node", .integer),
        ("services.*.deploy.restart_policy.max_attempts", .integer),
        ("services.*.deploy.rollback_config.parallelism", .integer),
        ("services.*.deploy.rollback_config.max_failure_ratio", .number),
        ("services.*.deploy.update_config.parallelism", .integer),
        ("services.*.deploy.update_config.max_failure_ratio", .number),
        ("services.*.healthcheck.retries", .integer), ("services.*.healthcheck.disable", .boolean),
        ("services.*.init", .boolean), ("services.*.oom_kill_disable", .boolean),
        ("services.*.oom_score_adj", .integer), ("services.*.pids_limit", .integer),
        ("services.*.ports.[].target", .integer), ("services.*.privileged", .boolean),
        ("services.*.read_only", .boolean), ("services.*.scale", .integer), ("services.*.stdin_open", .boolean),
        ("services.*.tty", .boolean), ("services.*.ulimits.*", .integer), ("services.*.ulimits.*.hard", .integer),
        ("services.*.ulimits.*.soft", .integer), ("services.*.volumes.[].read_only", .boolean),
        ("services.*.volumes.[].volume.nocopy", .boolean),
        ("networks.*.external", .boolean), ("networks.*.internal", .boolean), ("networks.*.attachable", .boolean),
        ("networks.*.enable_ipv4", .boolean), ("networks.*.enable_ipv6", .boolean),
        ("volumes.*.external", .boolean), ("secrets.*.external", .boolean), ("configs.*.external", .boolean),
    ]

    /// Returns the cast node, or nil when nothing under it changed: mappings and lists are rebuilt only along
    /// paths where a value was cast, so a file with nothing to cast is not copied.
    private static func cast(
        _ node: Node, rules: CastRule, path: inout [String], warnings: inout [ComposeWarning]
    ) throws(ComposeError) -> Node? {
        switch node.value {
        case .string(let text):
            guard let kind = rules.kind else { return nil }
            return node.with(try convert(text, to: kind, at: node, path: path, warnings: &warnings))
        case .mapping(let mapping):
            guard !rules.children.isEmpty || rules.anyKey != nil else { return nil }
            var changed: Node.Mapping?
            for (key, child) in mapping {
                guard let childRules = rules.children[key] ?? rules.anyKey?.rule else { continue }
                path.append(key)
                defer { path.removeLast() }
                if let cast = try cast(child, rules: childRules, path: &path, warnings: &warnings) {
                    changed = changed ?? mapping
                    changed![key] = cast
                }
            }
            return changed.map { node.with(.mapping($0)) }
        case .sequence(let items):
            guard let itemRules = rules.anyItem?.rule else { return nil }
            var changed: [Node]?
            for (index, item) in items.enumerated() {
                path.append(String(index))
                defer { path.removeLast() }
                if let cast = try cast(item, rules: itemRules, path: &path, warnings: &warnings) {
                    changed = changed ?? items
                    changed![index] = cast
                }
            }
            return changed.map { node.with(.sequence($0)) }
        case .null, .bool, .int, .double:
            return nil
        }
    }
}

/// The cast rules as a tree keyed by path component, so casting visits only the few branches that have rules.
struct CastRule: Sendable {
    var kind: SchemaCasting.Kind?
    var children: [String: CastRule] = [:]
    var anyKey: Box?
    var anyItem: Box?

    /// Indirection so the tree can nest (a struct cannot contain itself directly).
    final class Box: Sendable {
        let rule: CastRule
        init(_ rule: CastRule) { self.rule = rule }
    }

    static let root: CastRule = SchemaCasting.rules.reduce(into: CastRule()) { root, rule in
        root.insert(rule.path.split(separator: ".").map(String.init)[...], kind: rule.kind)
    }

    private mutating func insert(_ components: ArraySlice<String>, kind: SchemaCasting.Kind) {
        guard let first = components.first else {
            self.kind = kind
            return
        }
        switch first {
        case "*":
            var child = anyKey?.rule ?? CastRule()
            child.insert(components.dropFirst(), kind: kind)
            anyKey = Box(child)
        case "[]":
            var child = anyItem?.rule ?? CastRule()
            child.insert(components.dropFirst(), kind: kind)
            anyItem = Box(child)
        default:
            children[first, default: CastRule()].insert(components.dropFirst(), kind: kind)
        }
    }
}
