import ComposeSpec

/// A service's `configs` and `secrets`: each file mounted from its ConfigMap or Secret at its target.
extension KubernetesService {
    mutating func files(_ key: String, _ value: Node, path: String) {
        let isSecret = key == "secrets"
        for (index, entry) in (value.sequence ?? []).enumerated() {
            guard let source = entry.field("source")?.string else { continue }
            let itemPath = "\(path)[\(index)]"
            var target = entry.field("target")?.string ?? (isSecret ? "/run/secrets/\(source)" : "/\(source)")
            if isSecret, !target.hasPrefix("/") { target = "/run/secrets/\(target)" }
            let fileName = target.split(separator: "/").last.map(String.init) ?? source
            for owner in ["uid", "gid"] where entry.field(owner) != nil {
                report.add("\(itemPath).\(owner)", "Kubernetes mounts files owned by root", node: entry[owner])
            }
            let objectName = KubernetesStorage.objectName(key, source, project: context.project)
            let items = Node.list([.object(["key": .text(KubernetesStorage.dataKey(source)), "path": .text(fileName)])])
            var reference: Node.Mapping = [isSecret ? "secretName" : "name": .text(objectName), "items": items]
            if let mode = entry.field("mode").flatMap(Self.fileMode) { reference["defaultMode"] = .integer(mode) }
            addMount(
                .object([isSecret ? "secret" : "configMap": Node(.mapping(reference))]), target: target,
                readOnly: true, subPath: fileName)
        }
    }

    /// A file mode as Compose writes it (`"0440"`, octal) or as a number.
    static func fileMode(_ node: Node) -> Int? {
        if case .string(let text) = node.value { return Int(text, radix: 8) }
        return node.int64Value.map { Int($0) }
    }
}
