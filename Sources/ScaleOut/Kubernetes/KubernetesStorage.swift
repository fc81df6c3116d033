import ComposeSpec
import Foundation

/// Project-wide storage: a PersistentVolumeClaim per named volume, a ConfigMap per config and a Secret per secret.
enum KubernetesStorage {
    /// The claim a named volume becomes, named after the volume's name in the engine (`project_data`).
    static func claimName(_ volume: String, project: LoadedProject) -> String {
        KubernetesNames.label(project.section("volumes")[volume]?.field("name")?.string ?? volume)
    }

    /// The ConfigMap or Secret a config or secret becomes (`kind` is `configs` or `secrets`).
    static func objectName(_ kind: String, _ source: String, project: LoadedProject) -> String {
        KubernetesNames.label(project.section(kind)[source]?.field("name")?.string ?? source)
    }

    /// The data key a config or secret's content is under: its name in the project.
    static func dataKey(_ source: String) -> String {
        String(source.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) ? $0 : "-" })
    }

    static func claims(_ context: inout KubernetesContext) -> [KubernetesManifest] {
        var claims: [KubernetesManifest] = []
        for (name, volume) in context.project.section("volumes") where !volume.isSet("external") {
            for key in ["driver", "driver_opts"] where volume.field(key) != nil {
                context.lose(
                    "volumes.\(name).\(key)", "a claim takes the cluster's default storage class", node: volume[key])
            }
            let shared = context.volumeUsers[name, default: 0] > 1
            claims.append(
                KubernetesManifest(
                    apiVersion: "v1", kind: "PersistentVolumeClaim", name: claimName(name, project: context.project),
                    namespace: context.namespace, labels: context.projectLabels,
                    spec: [
                        "spec": .object([
                            "accessModes": .list([.text(shared ? "ReadWriteMany" : "ReadWriteOnce")]),
                            "resources": .object(["requests": .object(["storage": .text("1Gi")])]),
                        ])
                    ]))
        }
        return claims
    }

    static func configObjects(_ context: inout KubernetesContext) -> [KubernetesManifest] {
        var objects: [KubernetesManifest] = []
        for kind in ["configs", "secrets"] {
            for (name, definition) in context.project.section(kind) where !definition.isSet("external") {
                let path = "\(kind).\(name)"
                for key in ["driver", "driver_opts", "template_driver"] where definition.field(key) != nil {
                    context.lose("\(path).\(key)", "Kubernetes has no \(key)", node: definition[key])
                }
                guard let content = context.project.content(of: definition) else {
                    context.lose(path, "its content cannot be read", node: definition)
                    continue
                }
                let isSecret = kind == "secrets"
                let text = String(bytes: content, encoding: .utf8)
                let data: (key: String, value: Node) =
                    text.map { (isSecret ? "stringData" : "data", .text($0)) }
                    ?? (isSecret ? "data" : "binaryData", .text(Data(content).base64EncodedString()))
                var body: Node.Mapping = [:]
                if isSecret { body["type"] = .text("Opaque") }
                body[data.key] = Node(.mapping([dataKey(name): data.value]))
                objects.append(
                    KubernetesManifest(
                        apiVersion: "v1", kind: isSecret ? "Secret" : "ConfigMap",
                        name: objectName(kind, name, project: context.project), namespace: context.namespace,
                        labels: context.projectLabels, spec: body))
            }
        }
        return objects
    }
}
