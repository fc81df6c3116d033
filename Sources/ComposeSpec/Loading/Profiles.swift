import Foundation

/// Profiles: a service with `profiles` runs only when one of them is active (`--profile`, `COMPOSE_PROFILES`,
/// `*` for all) or when it is named on the command line.
enum Profiles {
    static func active(_ flags: [String], environment: [String: String]) -> Set<String> {
        let names =
            flags.isEmpty ? (environment["COMPOSE_PROFILES"] ?? "").split(separator: ",").map(String.init) : flags
        return Set(names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// Every profile named by a service, sorted.
    static func all(in document: Node) -> [String] {
        var names = Set<String>()
        for (_, service) in document["services"]?.mapping ?? [:] {
            for profile in service["profiles"]?.sequence ?? [] {
                if let name = profile.scalarText { names.insert(name) }
            }
        }
        return names.sorted()
    }

    /// Keeps the services enabled by `profiles`. Services named on the command line narrow the project to
    /// them and what they need (unless not `narrowing`: they are then enabled beside the others); naming a
    /// service enables it whatever its profiles, but not its dependencies.
    static func select(_ document: Node, profiles: Set<String>, services: [String], narrowing: Bool = true)
        throws(ComposeError) -> Node
    {
        guard let all = document["services"]?.mapping else { return document }
        for name in services where all[name] == nil {
            throw ComposeError(.undefinedReference, "no such service: \(name)")
        }
        var enabled = Set(all.keys.filter { isEnabled(all[$0]!, profiles: profiles) })
        if !services.isEmpty {
            var selected = Set(services)
            var pending = services
            while let name = pending.popLast() {
                for dependency in requiredDependencies(of: all[name]!) where !selected.contains(dependency) {
                    guard all[dependency] != nil, enabled.contains(dependency) else {
                        throw ComposeError(.undefinedReference, "no such service: \(dependency)")
                    }
                    selected.insert(dependency)
                    pending.append(dependency)
                }
            }
            enabled = narrowing ? selected : enabled.union(selected)
        }
        var result = document
        result["services"] = document["services"]!.with(.mapping(all.filter { enabled.contains($0.key) }))
        return result
    }

    private static func isEnabled(_ service: Node, profiles: Set<String>) -> Bool {
        guard let declared = service["profiles"]?.sequence, !declared.isEmpty else { return true }
        if profiles.contains("*") { return true }
        return declared.contains { $0.scalarText.map(profiles.contains) ?? false }
    }

    /// `depends_on` (but `required: false`), and the dependencies normalization makes explicit later.
    static func requiredDependencies(of service: Node) -> [String] {
        var names: [String]
        if let list = service["depends_on"]?.sequence {
            names = list.compactMap(\.scalarText)
        } else {
            names = (service["depends_on"]?.mapping ?? [:]).compactMap { name, condition in
                if case .bool(false) = condition["required"]?.value { return nil }
                return name
            }
        }
        return names + Normalizer.implicitDependencies(of: service).map(\.name)
    }
}
