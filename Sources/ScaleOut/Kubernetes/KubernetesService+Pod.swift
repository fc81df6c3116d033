import ComposeSpec

/// Pod-wide settings: names and DNS, hosts, namespaces shared with the node, the stop grace period and hooks.
extension KubernetesService {
    mutating func podSettings(_ key: String, _ value: Node, path: String) {
        switch key {
        case "hostname": pod["hostname"] = .text(KubernetesNames.label(value.scalarText ?? ""))
        case "domainname": pod["subdomain"] = .text(KubernetesNames.label(value.scalarText ?? ""))
        case "dns", "dns_search", "dns_opt":
            var config = pod["dnsConfig"]?.mapping ?? [:]
            let items = value.stringList ?? []
            switch key {
            case "dns":
                config["nameservers"] = .list(items.map(Node.text))
                pod["dnsPolicy"] = .text("None")
            case "dns_search": config["searches"] = .list(items.map(Node.text))
            default:
                config["options"] = .list(
                    items.map { option in
                        let parts = option.split(separator: ":", maxSplits: 1).map(String.init)
                        return .object(["name": .text(parts[0]), "value": parts.count > 1 ? .text(parts[1]) : nil])
                    })
            }
            pod["dnsConfig"] = Node(.mapping(config))
        case "extra_hosts":
            var byAddress: [(String, [String])] = []
            for entry in value.stringList ?? [] {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                if let index = byAddress.firstIndex(where: { $0.0 == parts[1] }) {
                    byAddress[index].1.append(parts[0])
                } else {
                    byAddress.append((parts[1], [parts[0]]))
                }
            }
            pod["hostAliases"] = .list(
                byAddress.map { .object(["ip": .text($0.0), "hostnames": .list($0.1.map(Node.text))]) })
        case "stop_grace_period":
            pod["terminationGracePeriodSeconds"] = .integer(Self.seconds(value, default: 10))
        default:
            hook(key, value, path: path)
        }
    }

    /// `post_start` and `pre_stop`: Kubernetes runs one command per hook, as the container's user.
    private mutating func hook(_ key: String, _ value: Node, path: String) {
        let hooks = value.sequence ?? []
        guard let first = hooks.first, let command = first.field("command")?.stringList else { return }
        var lifecycle = container["lifecycle"]?.mapping ?? [:]
        lifecycle[key == "post_start" ? "postStart" : "preStop"] = .object([
            "exec": .object(["command": .list(command.map { .text(Self.literal($0)) })])
        ])
        container["lifecycle"] = Node(.mapping(lifecycle))
        for (index, hook) in hooks.enumerated() {
            for (option, setting) in hook.entries where option != "command" || index > 0 {
                report.add("\(path)[\(index)].\(option)", "a Kubernetes hook runs one command as is", node: setting)
            }
        }
    }

    /// `networks` (labels the NetworkPolicies select), `network_mode`, `ipc` and `pid`.
    mutating func namespaces(_ key: String, _ value: Node, path: String) {
        switch (key, value.scalarText) {
        case ("networks", _):
            for (network, attachment) in value.entries {
                for (option, setting) in attachment.entries where !Self.isUnset(setting) {
                    report.add("\(path).\(network).\(option)", "Kubernetes has no per-network \(option)", node: setting)
                }
            }
        case ("network_mode", "host"): pod["hostNetwork"] = .flag(true)
        case ("ipc", "host"): pod["hostIPC"] = .flag(true)
        case ("pid", "host"): pod["hostPID"] = .flag(true)
        default:
            report.add(path, "Kubernetes has no \(key) \(value.scalarText ?? "")", node: value)
        }
    }
}
