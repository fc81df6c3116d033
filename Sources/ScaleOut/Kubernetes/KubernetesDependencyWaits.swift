import ComposeSpec

/// `depends_on` as init containers that wait, with `kubectl wait`, until each dependency's pods run (started), are
/// ready (healthy: readiness is the healthcheck), or its Job has completed. They run under a service account
/// allowed to read the project's pods and Jobs.
enum KubernetesDependencyWaits {
    static func accountName(_ context: KubernetesContext) -> String {
        KubernetesNames.label(context.projectName + "-dependency-wait")
    }

    /// The init container that waits for `dependency`.
    static func initContainer(for dependency: ServiceGraph.Dependency, context: KubernetesContext) -> Node {
        let target = KubernetesNames.label(dependency.service)
        let selector = context.labels(dependency.service).map { "\($0.0)=\($0.1)" }.joined(separator: ",")
        let condition: [String] =
            // A service others wait on to complete is a Job; a Job's pods can also be waited on to start.
            if dependency.condition == .completedSuccessfully {
                ["--for=condition=Complete", "job/\(target)"]
            } else if dependency.condition == .healthy {
                ["--for=condition=Ready", "pod", "--selector=\(selector)"]
            } else {
                ["--for=jsonpath={.status.phase}=Running", "pod", "--selector=\(selector)"]
            }
        return .object([
            "name": .text("wait-for-\(target)"), "image": .text(context.options.waitImage),
            // kubectl fails when no pod matches yet: the kubelet runs the init container again until it succeeds.
            "command": .list((["kubectl", "wait"] + condition + ["--timeout=-1s"]).map(Node.text)),
        ])
    }

    /// The service account, role and binding the waits run under.
    static func accessObjects(_ context: KubernetesContext) -> [KubernetesManifest] {
        let name = accountName(context)
        let labels = context.projectLabels
        let read = Node.list([.text("get"), .text("list"), .text("watch")])
        return [
            KubernetesManifest(
                apiVersion: "v1", kind: "ServiceAccount", name: name, namespace: context.namespace, labels: labels,
                spec: [:]),
            KubernetesManifest(
                apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", name: name, namespace: context.namespace,
                labels: labels,
                spec: [
                    "rules": .list([
                        .object(["apiGroups": .list([.text("")]), "resources": .list([.text("pods")]), "verbs": read]),
                        .object([
                            "apiGroups": .list([.text("batch")]), "resources": .list([.text("jobs")]), "verbs": read,
                        ]),
                    ])
                ]),
            KubernetesManifest(
                apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", name: name,
                namespace: context.namespace, labels: labels,
                spec: [
                    "roleRef": .object([
                        "apiGroup": .text("rbac.authorization.k8s.io"), "kind": .text("Role"), "name": .text(name),
                    ]),
                    "subjects": .list([
                        .object([
                            "kind": .text("ServiceAccount"), "name": .text(name),
                            // A binding names its account's namespace: without --namespace, `default`.
                            "namespace": .text(context.namespace ?? "default"),
                        ])
                    ]),
                ]),
        ]
    }
}

extension KubernetesService {
    mutating func waits(_ value: Node, path: String) {
        for dependency in context.graph.dependencies(of: name) {
            initContainers.append(KubernetesDependencyWaits.initContainer(for: dependency, context: context))
            if dependency.restart {
                report.add(
                    "\(path).\(dependency.service).restart", "Kubernetes does not restart a pod with its dependency",
                    node: value[dependency.service]?["restart"])
            }
        }
        waitsForDependencies = waitsForDependencies || !initContainers.isEmpty
    }
}
