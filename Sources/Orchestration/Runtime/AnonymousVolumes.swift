import DockerEngine

/// Anonymous volumes outlive a recreation, as in Docker Compose: the new container mounts the old one's
/// anonymous volumes at the same paths, so data in them is not lost (unless `--renew-anon-volumes`).
enum AnonymousVolumes {
    /// The old container's anonymous volumes by mount point: volumes whose name the project does not declare.
    static func mounts(of inspection: ContainerInspection, declared: Set<String>) -> [String: String] {
        var result: [String: String] = [:]
        for mount in inspection.raw["Mounts"]?.arrayValue ?? [] {
            guard mount["Type"]?.stringValue == "volume", let name = mount["Name"]?.stringValue,
                let destination = mount["Destination"]?.stringValue, !declared.contains(name)
            else { continue }
            result[destination] = name
        }
        return result
    }

    /// `body` with those volumes mounted: an anonymous mount at the same target takes the old volume's name;
    /// a mount point the new body lacks (an image's `VOLUME`) is added.
    static func reuse(_ volumes: [String: String], in body: JSONValue) -> JSONValue {
        guard !volumes.isEmpty, case .object(var members) = body else { return body }
        var host = members["HostConfig"]?.objectValue ?? [:]
        var mounts = host["Mounts"]?.arrayValue ?? []
        var remaining = volumes
        for (index, mount) in mounts.enumerated() {
            guard case .object(var fields) = mount, fields["Type"]?.stringValue == "volume",
                let target = fields["Target"]?.stringValue, let name = remaining[target]
            else { continue }
            if fields["Source"]?.stringValue?.isEmpty ?? true {
                fields["Source"] = .string(name)
                mounts[index] = .object(fields)
            }
            remaining[target] = nil
        }
        let bound = Set(
            (host["Binds"]?.arrayValue ?? []).compactMap {
                $0.stringValue?.split(separator: ":").dropFirst().first.map(String.init)
            })
        for (target, name) in remaining.sorted(by: { $0.key < $1.key }) where !bound.contains(target) {
            mounts.append(["Type": "volume", "Source": .string(name), "Target": .string(target)])
        }
        host["Mounts"] = .array(mounts)
        members["HostConfig"] = .object(host)
        return .object(members)
    }
}
