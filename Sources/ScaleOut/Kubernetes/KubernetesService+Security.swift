import ComposeSpec

/// `user`, `read_only`, `cap_add`/`cap_drop`, `privileged`, `security_opt`, `group_add` and `sysctls` as the
/// container's and the pod's securityContext.
extension KubernetesService {
    mutating func security(_ key: String, _ value: Node, path: String) {
        switch key {
        case "user":
            let parts = (value.scalarText ?? "").split(separator: ":", maxSplits: 1).map(String.init)
            guard let user = parts.first.flatMap({ Int($0) }) else {
                return report.add(
                    path, "Kubernetes takes a numeric user id, not \(value.scalarText ?? "")", node: value)
            }
            containerSecurity["runAsUser"] = .integer(user)
            if parts.count > 1 {
                guard let group = Int(parts[1]) else {
                    return report.add(path, "Kubernetes takes a numeric group id, not \(parts[1])", node: value)
                }
                containerSecurity["runAsGroup"] = .integer(group)
            }
        case "read_only":
            containerSecurity["readOnlyRootFilesystem"] = .flag(true)
        case "privileged":
            containerSecurity["privileged"] = .flag(true)
        case "cap_add", "cap_drop":
            var capabilities = containerSecurity["capabilities"]?.mapping ?? [:]
            capabilities[key == "cap_add" ? "add" : "drop"] = .list(
                (value.stringList ?? []).map { .text($0.hasPrefix("CAP_") ? String($0.dropFirst(4)) : $0) })
            containerSecurity["capabilities"] = Node(.mapping(capabilities))
        case "group_add":
            var groups: [Node] = []
            for group in value.stringList ?? [] {
                guard let id = Int(group) else {
                    report.add(path, "Kubernetes takes numeric group ids, not \(group)", node: value)
                    continue
                }
                groups.append(.integer(id))
            }
            podSecurity["supplementalGroups"] = .nonEmptyList(groups)
        case "sysctls":
            podSecurity["sysctls"] = .list(
                (value.stringPairs ?? []).map { .object(["name": .text($0.key), "value": .text($0.value ?? "")]) })
        default:
            securityOptions(value, path: path)
        }
    }

    private mutating func securityOptions(_ value: Node, path: String) {
        for option in value.stringList ?? [] {
            let parts = option.split(separator: option.contains("=") ? "=" : ":", maxSplits: 1).map(String.init)
            switch (parts.first, parts.count > 1 ? parts[1] : "true") {
            case ("no-new-privileges", let flag):
                containerSecurity["allowPrivilegeEscalation"] = .flag(flag != "true")
            case ("seccomp", "unconfined"):
                containerSecurity["seccompProfile"] = .object(["type": .text("Unconfined")])
            case ("apparmor", "unconfined"):
                containerSecurity["appArmorProfile"] = .object(["type": .text("Unconfined")])
            default:
                report.add(path, "security option \(option) has no Kubernetes equivalent", node: value)
            }
        }
    }
}
