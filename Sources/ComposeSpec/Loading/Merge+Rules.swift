extension Merge {
    /// An attribute that does not merge generically. Each case was checked against the reference.
    enum Rule: Equatable {
        /// `command`, `entrypoint`, `healthcheck.test`: the later value replaces the earlier one, even `null`.
        case replace
        /// `environment`, `labels`, ...: list (`K=V`, `K`) and map forms merge by key; a later `null` value
        /// (or a bare `K`) replaces the earlier value. The result is a mapping.
        case keyValue
        /// `extra_hosts`: both forms become `host=ip` strings (map entries) or stay as written (list items);
        /// the lists are appended, exact duplicates are dropped later.
        case hosts
        /// `dns`, `dns_search`, `tmpfs`, `env_file`, `label_file`: a string is a one-item list; lists are appended.
        case stringOrList
        /// `depends_on`: a list item `name` is `{condition: service_started, required: true}`; entries merge
        /// key by key.
        case dependsOn
        /// Service `networks` and `models`: a list item `name` is `name: null`; entries merge by name.
        case named
        /// `build`: a string is `{context: string}`; then the mappings merge.
        case build
        /// `build.ssh`: an earlier list is read as a mapping (`id=path`, `id`); a later list is an error.
        case ssh
        /// `gpus`: an earlier `all` is read as `[{count: -1}]`, so a later list is appended to it.
        case gpus
        /// `logging`: replaced as a whole when both name a driver and the drivers differ, merged otherwise.
        case logging
        /// One `ulimits` entry: replaced as a whole (number or `{soft, hard}`).
        case ulimit
        /// Top-level `networks.*.ipam.config`: the reference's pairwise merge by subnet (`Merge+IPAM.swift`).
        case ipamConfig

        /// The rule for the value at `path`, or nil for the generic merge.
        static func at(_ path: [String]) -> Rule? {
            switch path.count {
            case 3 where path[0] == "services":
                return serviceAttribute(path[2])
            case 4 where path[0] == "services":
                switch (path[2], path[3]) {
                case ("healthcheck", "test"): return .replace
                case ("build", "args"), ("build", "labels"), ("build", "additional_contexts"), ("deploy", "labels"):
                    return .keyValue
                case ("build", "extra_hosts"): return .hosts
                case ("build", "ssh"): return .ssh
                case ("ulimits", _): return .ulimit
                default: return nil
                }
            case 3 where (path[0] == "networks" || path[0] == "volumes") && path[2] == "labels":
                return .keyValue
            case 4 where path[0] == "networks" && path[2] == "ipam" && path[3] == "config":
                return .ipamConfig
            default:
                return nil
            }
        }

        private static func serviceAttribute(_ name: String) -> Rule? {
            switch name {
            case "command", "entrypoint": return .replace
            case "environment", "labels", "annotations", "sysctls": return .keyValue
            case "extra_hosts": return .hosts
            case "dns", "dns_search", "tmpfs", "env_file", "label_file": return .stringOrList
            case "depends_on": return .dependsOn
            case "networks", "models": return .named
            case "build": return .build
            case "gpus": return .gpus
            case "logging": return .logging
            default: return nil
            }
        }
    }

    /// Merges two non-null values under `rule`.
    static func apply(_ rule: Rule, _ base: Node, _ override: Node, at path: [String]) throws(ComposeError) -> Node {
        switch rule {
        case .replace, .ulimit:
            return stripped(override)
        case .keyValue:
            return try keyValues(base, override, at: path)
        case .hosts:
            return try hosts(base, override, at: path)
        case .stringOrList:
            return try generic(asList(base), asList(override), at: path)
        case .dependsOn:
            return try named(base, override, at: path, listItem: dependencyOnStart)
        case .named:
            return try named(base, override, at: path) { item in Node(.null, at: item.location) }
        case .build:
            return try generic(buildMapping(base), buildMapping(override), at: path)
        case .ssh:
            return try ssh(base, override, at: path)
        case .gpus:
            guard base.scalarText != nil else { return try generic(base, override, at: path) }
            let all = Node.mapping(["count": Node(.int(-1), at: base.location)], at: base.location)
            return try generic(base.with(.sequence([all])), override, at: path)
        case .logging:
            return try logging(base, override, at: path)
        case .ipamConfig:
            return try ipamConfig(base, override, at: path)
        }
    }

    /// A string as a one-item list (keeping its tag, which belongs to the attribute), anything else unchanged.
    static func asList(_ node: Node) -> Node {
        guard node.scalarText != nil else { return node }
        var item = node
        item.mergeTag = nil
        return node.with(.sequence([item]))
    }

    private static func buildMapping(_ node: Node) -> Node {
        guard node.scalarText != nil else { return node }
        var context = node
        context.mergeTag = nil
        return node.with(.mapping(["context": context]))
    }

    private static func logging(_ base: Node, _ override: Node, at path: [String]) throws(ComposeError) -> Node {
        if let earlier = base["driver"]?.scalarText, let later = override["driver"]?.scalarText, earlier != later {
            return stripped(override)
        }
        return try generic(base, override, at: path)
    }

    private static func dependencyOnStart(_ item: Node) -> Node {
        .mapping(
            [
                "condition": .string("service_started", at: item.location),
                "required": Node(.bool(true), at: item.location),
            ], at: item.location)
    }
}
