import ComposeSpec

/// A NetworkPolicy per Compose network: pods on a network accept traffic from pods on the same network only, so
/// services that share no network cannot talk, as in Compose. A network `internal` to services on internal networks
/// only also keeps their traffic inside (and lets them resolve names).
enum KubernetesNetworkPolicies {
    static func objects(_ context: inout KubernetesContext) -> [KubernetesManifest] {
        let services = context.project.document["services"]?.mapping ?? [:]
        let networks = context.project.section("networks")
        var policies: [KubernetesManifest] = []
        for (name, network) in networks where !network.isSet("external") {
            let members = services.filter { $0.value["networks"]?[name] != nil }
            guard !members.isEmpty else { continue }
            for key in ["driver", "driver_opts", "ipam", "attachable", "enable_ipv4", "enable_ipv6"]
            where network.field(key) != nil && !KubernetesService.isUnset(network[key]!) {
                context.lose("networks.\(name).\(key)", "the cluster's network decides \(key)", node: network[key])
            }
            let label = KubernetesNames.networkLabel(name)
            let selector = Node.object([
                "matchLabels": .strings(context.projectLabels + [(label, "true")])
            ])
            var spec: Node.Mapping = [
                "podSelector": selector, "policyTypes": .list([.text("Ingress")]),
                "ingress": .list([.object(["from": .list([.object(["podSelector": selector])])])]),
            ]
            if network.isSet("internal") {
                let onlyInternal = members.values.allSatisfy { service in
                    (service["networks"]?.mapping?.keys ?? []).allSatisfy { networks[$0]?.isSet("internal") == true }
                }
                if onlyInternal {
                    spec["policyTypes"] = .list([.text("Ingress"), .text("Egress")])
                    spec["egress"] = .list([
                        .object(["to": .list([.object(["podSelector": selector])])]),
                        .object([
                            "ports": .list(
                                ["UDP", "TCP"].map { .object(["port": .integer(53), "protocol": .text($0)]) })
                        ]),
                    ])
                } else {
                    context.lose(
                        "networks.\(name).internal",
                        "its services are on other networks too: Kubernetes cannot keep only this one internal",
                        node: network["internal"])
                }
            }
            policies.append(
                KubernetesManifest(
                    apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
                    name: KubernetesNames.label(name + "-network"), namespace: context.namespace,
                    labels: context.projectLabels, spec: ["spec": Node(.mapping(spec))]))
        }
        return policies
    }
}
