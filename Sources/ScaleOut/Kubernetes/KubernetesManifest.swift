import ComposeSpec

/// One Kubernetes object Pier writes: its kind, name and the document `kubectl apply` takes.
public struct KubernetesManifest: Sendable {
    public var kind: String
    public var name: String
    public var document: Node

    init(
        apiVersion: String, kind: String, name: String, namespace: String?, labels: [(String, String)],
        spec: Node.Mapping
    ) {
        self.kind = kind
        self.name = name
        var mapping: Node.Mapping = ["apiVersion": .text(apiVersion), "kind": .text(kind)]
        mapping["metadata"] = .object([
            "name": .text(name), "namespace": namespace.map(Node.text),
            "labels": labels.isEmpty ? nil : .strings(labels),
        ])
        for (key, value) in spec { mapping[key] = value }
        document = Node(.mapping(mapping))
    }

    /// The file `-o DIR` writes it to: `web-deployment.yaml`.
    public var fileName: String { "\(name)-\(kind.lowercased()).yaml" }

    /// The object as YAML.
    public var yaml: String { YAMLWriter.write(document) }

    /// The objects as one YAML stream, `---` between them.
    public static func stream(_ manifests: [KubernetesManifest]) -> String {
        manifests.map(\.yaml).joined(separator: "---\n")
    }

    /// A `kustomization.yaml` listing the files of `manifests` (and the namespace, when one is given).
    public static func kustomization(_ manifests: [KubernetesManifest], namespace: String?) -> String {
        let document = Node.object([
            "apiVersion": .text("kustomize.config.k8s.io/v1beta1"), "kind": .text("Kustomization"),
            "namespace": namespace.map(Node.text),
            "resources": .list(manifests.map { .text($0.fileName) }),
        ])
        return YAMLWriter.write(document)
    }
}
