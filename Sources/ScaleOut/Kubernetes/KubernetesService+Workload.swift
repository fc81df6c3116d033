import ComposeSpec

/// What shapes the workload: replicas, restarts, resources, placement and updates.
extension KubernetesService {
    mutating func workload(_ key: String, _ value: Node, path: String) {
        switch key {
        case "scale": break  // read with deploy.replicas
        case "mem_limit": resources.limits["memory"] = value.byteCount.map { .text(String($0)) }
        case "mem_reservation": resources.requests["memory"] = value.byteCount.map { .text(String($0)) }
        case "cpus": resources.limits["cpu"] = Self.cpuQuantity(value)
        case "platform":
            let parts = (value.scalarText ?? "").split(separator: "/").map(String.init)
            if let os = parts.first { nodeSelector["kubernetes.io/os"] = .text(os) }
            if parts.count > 1 { nodeSelector["kubernetes.io/arch"] = .text(parts[1]) }
        case "restart":
            // `no` and `on-failure` make the service a Job; `always` and `unless-stopped` are a Deployment's way.
            if isJob, let attempts = value.scalarText?.split(separator: ":").dropFirst().first {
                jobAttempts = Int(attempts)
            }
        default:
            deploy(value, path: path)
        }
    }

    private mutating func deploy(_ value: Node, path: String) {
        for (key, setting) in value.entries where !Self.isUnset(setting) {
            let keyPath = "\(path).\(key)"
            switch key {
            case "mode", "replicas": break  // read when the workload is chosen
            case "labels":
                workloadAnnotations += (setting.stringPairs ?? []).filter { KubernetesNames.isQualifiedName($0.key) }
                    .map { ($0.key, $0.value ?? "") }
            case "resources": deployResources(setting, path: keyPath)
            case "placement": placement(setting, path: keyPath)
            case "endpoint_mode": headless = setting.string == "dnsrr"
            case "update_config": updates(setting, path: keyPath)
            case "restart_policy":
                // The condition chose the workload (a Job unless `any`); a Job's attempts are its backoff limit.
                if let attempts = setting.field("max_attempts")?.int64Value {
                    if isJob {
                        jobAttempts = Int(attempts)
                    } else {
                        report.add(
                            "\(keyPath).max_attempts", "Kubernetes restarts a long-running pod without limit",
                            node: setting)
                    }
                }
                for option in ["delay", "window"] where setting.field(option) != nil {
                    report.add(
                        "\(keyPath).\(option)", "Kubernetes backs off restarts on its own", node: setting[option])
                }
            default:
                report.add(keyPath, "Kubernetes has no equivalent", node: setting)
            }
        }
    }

    private mutating func deployResources(_ value: Node, path: String) {
        for (kind, settings) in value.entries {
            for (key, setting) in settings.entries where !Self.isUnset(setting) {
                switch key {
                case "cpus":
                    let quantity = Self.cpuQuantity(setting)
                    if kind == "limits" {
                        resources.limits["cpu"] = quantity
                    } else {
                        resources.requests["cpu"] = quantity
                    }
                case "memory":
                    let bytes = setting.byteCount.map { Node.text(String($0)) }
                    if kind == "limits" {
                        resources.limits["memory"] = bytes
                    } else {
                        resources.requests["memory"] = bytes
                    }
                default:
                    report.add(
                        "\(path).\(kind).\(key)", "Kubernetes has no such resource for a container", node: setting)
                }
            }
        }
    }

    /// A CPU count as a Kubernetes quantity: `0.5` is `500m`.
    static func cpuQuantity(_ node: Node) -> Node? {
        guard let cpus = node.doubleValue else { return nil }
        let millicores = Int((cpus * 1000).rounded())
        return .text(millicores % 1000 == 0 ? String(millicores / 1000) : "\(millicores)m")
    }

    private mutating func placement(_ value: Node, path: String) {
        for (index, constraint) in (value.field("constraints")?.stringList ?? []).enumerated() {
            guard let term = Self.nodeRequirement(constraint) else {
                report.add("\(path).constraints[\(index)]", "no Kubernetes node label for \(constraint)", node: value)
                continue
            }
            affinityTerms.append(term)
        }
        for preference in value.field("preferences")?.sequence ?? [] {
            guard let label = preference.field("spread")?.string, let key = Self.nodeLabelKey(label) else { continue }
            spreads.append(
                .object([
                    "maxSkew": .integer(1), "topologyKey": .text(key), "whenUnsatisfiable": .text("ScheduleAnyway"),
                    "labelSelector": .object(["matchLabels": .strings(context.labels(name))]),
                ]))
        }
        if let perNode = value.field("max_replicas_per_node") {
            report.add("\(path).max_replicas_per_node", "Kubernetes has no per-node replica limit", node: perNode)
        }
    }

    /// `node.labels.zone==a` as a node affinity requirement; nil for what Kubernetes nodes do not label.
    static func nodeRequirement(_ constraint: String) -> Node? {
        let isEqual = !constraint.contains("!=")
        let parts = constraint.components(separatedBy: isEqual ? "==" : "!=").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 2, let key = nodeLabelKey(parts[0]) else { return nil }
        return .object([
            "key": .text(key), "operator": .text(isEqual ? "In" : "NotIn"), "values": .list([.text(parts[1])]),
        ])
    }

    static func nodeLabelKey(_ attribute: String) -> String? {
        if attribute.hasPrefix("node.labels.") { return String(attribute.dropFirst("node.labels.".count)) }
        return [
            "node.hostname": "kubernetes.io/hostname", "node.platform.os": "kubernetes.io/os",
            "node.platform.arch": "kubernetes.io/arch",
        ][attribute]
    }

    private mutating func updates(_ value: Node, path: String) {
        let parallelism = Int(value.field("parallelism")?.int64Value ?? 1)
        let startFirst = value.field("order")?.string == "start-first"
        let step = Node.integer(max(parallelism, 1))
        strategy = .object([
            "type": .text("RollingUpdate"),
            "rollingUpdate": .object([
                "maxSurge": startFirst ? step : .integer(0), "maxUnavailable": startFirst ? .integer(0) : step,
            ]),
        ])
        for (key, setting) in value.entries where !["parallelism", "order"].contains(key) {
            report.add("\(path).\(key)", "Kubernetes rolls updates without \(key)", node: setting)
        }
    }
}
