import ComposeSpec

/// The service's objects, put together once every key was read.
extension KubernetesService {
    func assemble() -> [KubernetesManifest] {
        let labels = context.labels(name)
        let podLabels = labels + networks.map { (KubernetesNames.networkLabel($0), "true") }
        let template = Node.object([
            "metadata": .object([
                "labels": .strings(podLabels), "annotations": annotations.isEmpty ? nil : .strings(annotations),
            ]),
            "spec": podSpec,
        ])
        let selector = Node.object(["matchLabels": .strings(labels)])
        let namespace = context.namespace
        var objects: [KubernetesManifest] = []
        let workloadLabels = labels
        let replicas = Self.replicas(of: node).map { Node.integer($0) } ?? .integer(1)
        let kind: (apiVersion: String, kind: String, spec: Node)
        if isJob {
            kind = ("batch/v1", "Job", .object(["backoffLimit": .integer(jobAttempts ?? 0), "template": template]))
        } else if node["deploy"]?.field("mode")?.string == "global" {
            kind = (
                "apps/v1", "DaemonSet",
                .object(["selector": selector, "updateStrategy": strategy, "template": template])
            )
        } else if mountsNamedVolume {
            kind = (
                "apps/v1", "StatefulSet",
                .object([
                    "serviceName": .text(objectName), "replicas": replicas, "selector": selector, "template": template,
                ])
            )
        } else {
            kind = (
                "apps/v1", "Deployment",
                .object(["replicas": replicas, "selector": selector, "strategy": strategy, "template": template])
            )
        }
        var workload = KubernetesManifest(
            apiVersion: kind.apiVersion, kind: kind.kind, name: objectName, namespace: namespace,
            labels: workloadLabels, spec: ["spec": kind.spec])
        if !workloadAnnotations.isEmpty {
            workload.document["metadata"]?.set("annotations", .strings(workloadAnnotations))
        }
        objects.append(workload)
        if !isJob || !servicePorts.isEmpty { objects.append(service(labels: labels)) }
        if !publishedPorts.isEmpty { objects += published(labels: labels) }
        return objects
    }

    /// The Compose networks the service is on (none with `network_mode`).
    var networks: [String] { node["networks"]?.mapping.map { Array($0.keys) } ?? [] }

    private var podSpec: Node {
        var spec = pod
        spec["restartPolicy"] = isJob ? .text(Self.jobRestartPolicy(node)) : nil
        if !initContainers.isEmpty {
            spec["serviceAccountName"] = .text(KubernetesDependencyWaits.accountName(context))
            spec["initContainers"] = .list(initContainers)
        }
        var container = self.container
        if !resources.limits.isEmpty || !resources.requests.isEmpty {
            container["resources"] = .object([
                "limits": .nonEmptyObject(resources.limits), "requests": .nonEmptyObject(resources.requests),
            ])
        }
        container["securityContext"] = .nonEmptyObject(containerSecurity)
        container["volumeMounts"] = .nonEmptyList(mounts)
        spec["containers"] = .list([Node(.mapping(Self.ordered(container)))])
        spec["volumes"] = .nonEmptyList(volumes)
        spec["securityContext"] = .nonEmptyObject(podSecurity)
        spec["nodeSelector"] = .nonEmptyObject(nodeSelector)
        if !affinityTerms.isEmpty {
            spec["affinity"] = .object([
                "nodeAffinity": .object([
                    "requiredDuringSchedulingIgnoredDuringExecution": .object([
                        "nodeSelectorTerms": .list([.object(["matchExpressions": .list(affinityTerms)])])
                    ])
                ])
            ])
        }
        spec["topologySpreadConstraints"] = .nonEmptyList(spreads)
        return Node(.mapping(spec))
    }

    /// A container's keys in the order Kubernetes documents them: who it is, what it runs, then the rest.
    static func ordered(_ container: Node.Mapping) -> Node.Mapping {
        let order = [
            "name", "image", "imagePullPolicy", "command", "args", "workingDir", "env", "ports", "resources",
            "volumeMounts", "readinessProbe", "livenessProbe", "startupProbe", "lifecycle", "securityContext",
            "stdin", "tty",
        ]
        var result = Node.Mapping()
        for key in order { if let value = container[key] { result[key] = value } }
        for (key, value) in container where result[key] == nil { result[key] = value }
        return result
    }

    /// A Job's pods: restarted in place on failure when the service restarts on failure, else never.
    static func jobRestartPolicy(_ service: Node) -> String {
        let restart = service.field("restart")?.scalarText ?? ""
        let condition = service["deploy"]?["restart_policy"]?.field("condition")?.string ?? ""
        return restart.hasPrefix("on-failure") || condition == "on-failure" ? "OnFailure" : "Never"
    }

    /// The Service that gives the service's name to the others: headless (its pods' addresses, every port, as
    /// Compose's DNS answers) unless it has ports and `endpoint_mode` is not `dnsrr`.
    private func service(labels: [(String, String)]) -> KubernetesManifest {
        let ports = servicePorts.map { port in
            Node.object([
                "name": .text(Self.portName(port.port, port.proto)), "port": .integer(port.port),
                "targetPort": .integer(port.port), "protocol": .text(port.proto),
            ])
        }
        return KubernetesManifest(
            apiVersion: "v1", kind: "Service", name: objectName, namespace: context.namespace, labels: labels,
            spec: [
                "spec": .object([
                    "clusterIP": headless || ports.isEmpty ? .text("None") : nil, "ports": .nonEmptyList(ports),
                    "selector": .strings(labels),
                ])
            ])
    }

    /// A LoadBalancer Service for the published ports, and the policy that lets traffic from outside reach them.
    private func published(labels: [(String, String)]) -> [KubernetesManifest] {
        let name = KubernetesNames.label(objectName + "-published")
        let ports = publishedPorts.map { port in
            Node.object([
                "name": .text(Self.portName(port.published, port.proto)), "port": .integer(port.published),
                "targetPort": .integer(port.target), "protocol": .text(port.proto),
            ])
        }
        var objects = [
            KubernetesManifest(
                apiVersion: "v1", kind: "Service", name: name, namespace: context.namespace, labels: labels,
                spec: [
                    "spec": .object([
                        "type": .text("LoadBalancer"), "ports": .list(ports), "selector": .strings(labels),
                    ])
                ])
        ]
        guard !networks.isEmpty else { return objects }
        let allowed = publishedPorts.map { Node.object(["port": .integer($0.target), "protocol": .text($0.proto)]) }
        objects.append(
            KubernetesManifest(
                apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", name: name, namespace: context.namespace,
                labels: labels,
                spec: [
                    "spec": .object([
                        "podSelector": .object(["matchLabels": .strings(labels)]),
                        "policyTypes": .list([.text("Ingress")]),
                        "ingress": .list([.object(["ports": .list(allowed)])]),
                    ])
                ]))
        return objects
    }
}
