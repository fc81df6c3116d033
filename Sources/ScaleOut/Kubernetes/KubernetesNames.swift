/// Names as Kubernetes accepts them: objects are DNS-1123 labels (lowercase letters, digits and `-`, at most 63
/// characters, starting and ending alphanumeric), which Compose names need not be (`ingest_api`).
enum KubernetesNames {
    /// `name` made a DNS-1123 label: lowercased, `_` and `.` and other characters as `-`, trimmed to 63.
    static func label(_ name: String) -> String {
        var result = String(name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        while result.hasPrefix("-") { result.removeFirst() }
        if result.count > 63 { result = String(result.prefix(63)) }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "x" : result
    }

    /// The labels every object of a service carries, and its pods' selector.
    static func selector(project: String, service: String) -> [(String, String)] {
        [("app.kubernetes.io/name", label(service)), ("app.kubernetes.io/part-of", label(project))]
    }

    /// The pod label that puts a service on a Compose network (a NetworkPolicy per network selects it).
    static func networkLabel(_ network: String) -> String {
        "network.pier.dev/" + label(network)
    }
}

extension KubernetesNames {
    /// Whether `key` is a valid label or annotation key: an optional DNS-subdomain prefix and `/`, then a name of at
    /// most 63 letters, digits, `-`, `_` and `.`, starting and ending alphanumeric.
    static func isQualifiedName(_ key: String) -> Bool {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.last else { return false }
        if parts.count == 2 {
            let prefix = parts[0]
            guard !prefix.isEmpty, prefix.count <= 253,
                prefix.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") })
            else { return false }
        }
        guard !name.isEmpty, name.count <= 63, let first = name.first, let last = name.last,
            first.isASCII, last.isASCII, first.isLetter || first.isNumber, last.isLetter || last.isNumber
        else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}
