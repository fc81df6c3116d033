import ComposeSpec

/// `volumes`, `tmpfs` and `shm_size` as pod volumes: named volumes as PersistentVolumeClaims, anonymous ones as
/// `emptyDir`, tmpfs as `emptyDir` in memory, bind mounts as `hostPath` when asked (else a loss).
extension KubernetesService {
    mutating func storage(_ key: String, _ value: Node, path: String) {
        switch key {
        case "tmpfs":
            for item in value.stringList ?? [] {
                let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
                let size = parts.count > 1 ? Self.tmpfsSize(parts[1]) : nil
                addMount(memoryVolume(size: size), target: parts[0], readOnly: false)
            }
        case "shm_size":
            addMount(memoryVolume(size: value.byteCount), target: "/dev/shm", readOnly: false)
        default:
            for (index, mount) in (value.sequence ?? []).enumerated() {
                volume(mount, path: "\(path)[\(index)]")
            }
        }
    }

    private mutating func volume(_ mount: Node, path: String) {
        guard let target = mount.field("target")?.string else { return }
        let readOnly = mount.isSet("read_only")
        switch mount.field("type")?.string {
        case "volume":
            guard let source = mount.field("source")?.string else {
                return addMount(.object(["emptyDir": .object([:])]), target: target, readOnly: readOnly)
            }
            mountsNamedVolume = true
            let claim = KubernetesStorage.claimName(source, project: context.project)
            let subPath = mount["volume"]?.field("subpath")?.string
            if mount["volume"]?.isSet("nocopy") == true {
                report.add("\(path).volume.nocopy", "a claim starts empty: nothing is copied", node: mount["volume"])
            }
            addMount(
                .object(["persistentVolumeClaim": .object(["claimName": .text(claim)])]), target: target,
                readOnly: readOnly, subPath: subPath)
        case "tmpfs":
            addMount(memoryVolume(size: mount["tmpfs"]?.field("size")?.byteCount), target: target, readOnly: readOnly)
        case "bind" where context.options.bindMountsAsHostPath:
            let source = mount.field("source")?.string ?? ""
            let create = mount["bind"]?.isSet("create_host_path") == true
            addMount(
                .object([
                    "hostPath": .object(["path": .text(source), "type": create ? .text("DirectoryOrCreate") : nil])
                ]), target: target, readOnly: readOnly)
        case "bind":
            report.add(
                path,
                "a bind mount of \(mount.field("source")?.string ?? "?") has no Kubernetes equivalent "
                    + "(--host-path mounts the node's folder)", node: mount)
        default:
            report.add(path, "Kubernetes has no \(mount.field("type")?.string ?? "") mount", node: mount)
        }
    }

    private func memoryVolume(size: Int64?) -> Node {
        .object(["emptyDir": .object(["medium": .text("Memory"), "sizeLimit": size.map { .text(String($0)) }])])
    }

    /// Adds a pod volume mounted at `target`.
    mutating func addMount(_ source: Node, target: String, readOnly: Bool, subPath: String? = nil) {
        let volumeName = "volume-\(volumes.count + 1)"
        var volume = source
        volume.set("name", .text(volumeName))
        // The name first, as Kubernetes writes it.
        if let entries = volume.mapping {
            var ordered: Node.Mapping = ["name": .text(volumeName)]
            for (key, value) in entries where key != "name" { ordered[key] = value }
            volume = Node(.mapping(ordered))
        }
        volumes.append(volume)
        mounts.append(
            .object([
                "name": .text(volumeName), "mountPath": .text(target), "subPath": subPath.map(Node.text),
                "readOnly": readOnly ? .flag(true) : nil,
            ]))
    }

    /// The `size=` option of a tmpfs mount (`size=64m,mode=1777`).
    static func tmpfsSize(_ options: String) -> Int64? {
        for option in options.split(separator: ",") where option.hasPrefix("size=") {
            return Node.text(String(option.dropFirst(5))).byteCount
        }
        return nil
    }
}
