import ComposeSpec
import DockerEngine

/// What differs between a network or volume the engine has and its definition, named as the compose file names
/// it (`internal`, `driver_opts.size`, `labels.tier`): the reasons it is recreated.
enum ResourceDrift {
    static func network(_ existing: Network, definition: Node, desiredLabels: [String: String]) -> [PlanReason] {
        var reasons: [PlanReason] = []
        let driver = definition.field("driver")?.scalarText ?? "bridge"
        if driver != existing.driver { reasons.append(reason("driver", in: definition)) }
        let flags = [
            ("internal", existing.isInternal), ("attachable", existing.isAttachable),
            ("enable_ipv6", existing.enablesIPv6),
        ]
        for (key, current) in flags where (definition.field(key)?.boolValue ?? false) != current {
            reasons.append(reason(key, in: definition))
        }
        reasons += entries("driver_opts", definition.field("driver_opts")?.stringDictionary ?? [:], existing.options)
            .map { reason($0, in: definition) }
        let subnets = (definition.field("ipam")?.field("config")?.sequence ?? []).compactMap {
            $0.field("subnet")?.scalarText
        }
        let existingSubnets = (existing.ipam["Config"]?.arrayValue ?? []).compactMap { $0["Subnet"]?.stringValue }
        if !subnets.isEmpty, Set(subnets) != Set(existingSubnets) { reasons.append(reason("ipam", in: definition)) }
        reasons += labels(desiredLabels, existing.labels).map { reason($0, in: definition) }
        return reasons.isEmpty ? [PlanReason("configuration", "hash changed", at: definition.location)] : reasons
    }

    static func volume(_ existing: Volume, definition: Node, desiredLabels: [String: String]) -> [PlanReason] {
        var reasons: [PlanReason] = []
        let driver = definition.field("driver")?.scalarText ?? "local"
        if driver != existing.driver { reasons.append(reason("driver", in: definition)) }
        reasons += entries("driver_opts", definition.field("driver_opts")?.stringDictionary ?? [:], existing.options)
            .map { reason($0, in: definition) }
        reasons += labels(desiredLabels, existing.labels).map { reason($0, in: definition) }
        return reasons.isEmpty ? [PlanReason("configuration", "hash changed", at: definition.location)] : reasons
    }

    /// The user's labels that differ (Compose's own are left out: the hash among them is what differs).
    private static func labels(_ desired: [String: String], _ existing: [String: String]) -> [String] {
        let own = { (labels: [String: String]) in labels.filter { !$0.key.hasPrefix("com.docker.compose.") } }
        return entries("labels", own(desired), own(existing))
    }

    /// `section.key` for each key whose value differs between the two mappings, in key order.
    static func entries(_ section: String, _ desired: [String: String], _ existing: [String: String]) -> [String] {
        Set(desired.keys).union(existing.keys).sorted().filter { desired[$0] != existing[$0] }.map {
            "\(section).\($0)"
        }
    }

    /// A reason about `path` (`driver_opts.size`), located where the definition writes it, else at the section,
    /// else at the definition; `removed` when the definition no longer has it.
    private static func reason(_ path: String, in definition: Node) -> PlanReason {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        let section = definition.field(parts[0])
        let node = parts.count > 1 ? section?.field(parts[1]) : section
        let isRemoved = parts.count > 1 && node == nil
        return PlanReason(
            path, isRemoved ? "removed" : nil, at: node?.location ?? section?.location ?? definition.location)
    }
}
