/// The configuration hash of a service: what Pier labels containers with to tell whether they are up to date.
///
/// It covers the canonical service without what does not change a container (build instructions, scale,
/// dependencies, profiles, pull policy), written as compact JSON with sorted keys, so the same input hashes
/// the same in every Pier version.
public enum ServiceHash {
    static let ignoredKeys: Set<String> = ["build", "pull_policy", "scale", "depends_on", "profiles"]

    public static func of(_ service: Node) -> String {
        guard var entries = service.mapping else { return SHA256.hexDigest(Array(JSONWriter.write(service).utf8)) }
        for key in ignoredKeys { entries.removeValue(forKey: key) }
        if var deploy = entries["deploy"], deploy.mapping != nil {
            deploy.remove("replicas")
            entries["deploy"] = deploy
        }
        return SHA256.hexDigest(Array(CanonicalJSON.compact(Node(.mapping(entries))).utf8))
    }
}

/// Compact JSON with mapping keys sorted: a stable byte form of a node.
enum CanonicalJSON {
    static func compact(_ node: Node) -> String {
        switch node.value {
        case .sequence(let items): return "[" + items.map(compact).joined(separator: ",") + "]"
        case .mapping(let entries):
            let sorted = entries.sorted { $0.key < $1.key }
            return "{"
                + sorted.map { key, value in
                    var text = ""
                    JSONWriter.writeString(key, into: &text)
                    return text + ":" + compact(value)
                }.joined(separator: ",") + "}"
        default: return JSONWriter.write(node)
        }
    }
}
