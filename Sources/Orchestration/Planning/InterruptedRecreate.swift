/// What a recreate interrupted half-way left, and how `up` finishes or undoes it. A recreate (Pier's and Docker
/// Compose's alike) creates the replacement under a temporary name, `<first 12 digits of the old ID>_<name>`, then
/// stops and removes the old container, then renames the replacement: killed in between, it leaves the
/// replacement beside the old container, or alone under its temporary name. Pure: decided from the containers
/// listed and the configuration each service wants, so each case is tested on its own.
public enum InterruptedRecreate: Sendable, Hashable {
    /// The replacement is what the project wants (or nothing else holds its name): remove the container it was
    /// to replace, if that is still there, and give the replacement its name.
    case finish(replacement: ObservedContainer, replaced: ObservedContainer?, name: String)
    /// The replacement is outdated while the container it was to replace still holds the name: remove it.
    case undo(replacement: ObservedContainer)

    /// The recoveries `observed` (a project's containers) needs; `configHashes` are the hashes each service's
    /// configuration has now. Several replacements for one name (interrupted twice): one that is up to date
    /// finishes, else the first; the others are undone.
    public static func recoveries(
        observed: [ObservedContainer], configHashes: [String: String]
    ) -> [InterruptedRecreate] {
        let current = observed.filter { !$0.isOneOff }
        var replacements: [String: [ObservedContainer]] = [:]
        for container in current {
            if let name = finalName(of: container.name) { replacements[name, default: []].append(container) }
        }
        var recoveries: [InterruptedRecreate] = []
        for (name, candidates) in replacements.sorted(by: { $0.key < $1.key }) {
            let holder = current.first { $0.name == name }
            let upToDate = candidates.filter { $0.configHash == configHashes[$0.service] }
            let finishing = upToDate.first ?? (holder == nil ? candidates.first : nil)
            for candidate in candidates {
                if candidate == finishing {
                    recoveries.append(.finish(replacement: candidate, replaced: holder, name: name))
                } else {
                    recoveries.append(.undo(replacement: candidate))
                }
            }
        }
        return recoveries
    }

    /// The name a temporary name stands for (`0123456789ab_proj-web-1` → `proj-web-1`); nil for other names.
    public static func finalName(of name: String) -> String? {
        let prefix = name.prefix(13)
        guard prefix.count == 13, prefix.last == "_",
            prefix.dropLast().allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else { return nil }
        let rest = name.dropFirst(13)
        return rest.isEmpty ? nil : String(rest)
    }
}
