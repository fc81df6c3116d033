import ComposeSpec
import DockerEngine

/// What a container stores where: `Binds` strings, `Mounts` objects, `Tmpfs`, `VolumesFrom`, and the files copied
/// in before start.
struct ContainerStorage {
    var binds: [String] = []
    var mounts: [JSONValue] = []
    var tmpfs: [String: String] = [:]
    var volumesFrom: [String] = []
    var files: [ContainerFile] = []
    /// Variables added to the service's environment (`use_api_socket`); nil when none.
    var environment: [String]?

    var hostConfig: [String: JSONValue] {
        var host: [String: JSONValue] = [:]
        if !binds.isEmpty { host["Binds"] = .strings(binds) }
        if !mounts.isEmpty { host["Mounts"] = .array(mounts) }
        if !tmpfs.isEmpty { host["Tmpfs"] = .stringMap(tmpfs) }
        if !volumesFrom.isEmpty { host["VolumesFrom"] = .strings(volumesFrom) }
        return host
    }
}

/// Service volumes. Compose sends a volume as a `Binds` string when the string form can say everything (the
/// engine then creates a missing host path), and as a `Mounts` object otherwise: binds with
/// `create_host_path: false`, propagation or recursion options; volumes with `nocopy` or `subpath`; anonymous
/// volumes; tmpfs, image and npipe mounts.
extension ContainerSpec {
    mutating func storageFields() throws(OrchestrationError) -> ContainerStorage {
        var storage = ContainerStorage()
        for volume in service.field("volumes")?.sequence ?? [] {
            let target = volume.field("target")?.scalarText ?? ""
            let readOnly = volume.field("read_only")?.boolValue ?? false
            switch volume.field("type")?.scalarText ?? "volume" {
            case "bind": try addBind(volume, target: target, readOnly: readOnly, to: &storage)
            case "volume": try addVolume(volume, target: target, readOnly: readOnly, to: &storage)
            case "tmpfs":
                var options: [String: JSONValue] = [:]
                if let size = volume.field("tmpfs")?.field("size")?.byteCount { options["SizeBytes"] = .int(size) }
                if let mode = volume.field("tmpfs")?.field("mode")?.int64Value { options["Mode"] = .int(mode) }
                storage.mounts.append(
                    mount("tmpfs", source: nil, target: target, readOnly: readOnly, "TmpfsOptions", options))
            case "npipe":
                let source = volume.field("source")?.scalarText
                storage.mounts.append(mount("npipe", source: source, target: target, readOnly: readOnly, nil, [:]))
            case "image":
                var options: [String: JSONValue] = [:]
                if let subpath = volume.field("image")?.field("subpath")?.scalarText {
                    options["Subpath"] = .string(subpath)
                }
                let source = volume.field("source")?.scalarText
                storage.mounts.append(
                    mount("image", source: source, target: target, readOnly: readOnly, "ImageOptions", options))
            case let other:
                throw error(.unsupported, "volume type \"\(other)\" is not supported by Pier", at: "volumes")
            }
        }
        for entry in service.field("tmpfs")?.stringList ?? [] {
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            storage.tmpfs[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        for entry in service.field("volumes_from")?.stringList ?? [] {
            storage.volumesFrom.append(try volumesFromEntry(entry))
        }
        return storage
    }

    private mutating func addBind(
        _ volume: Node, target: String, readOnly: Bool, to storage: inout ContainerStorage
    ) throws(OrchestrationError) {
        let source = volume.field("source")?.scalarText ?? ""
        let bind = volume.field("bind")
        let propagation = bind?.field("propagation")?.scalarText
        let recursive = bind?.field("recursive")?.scalarText
        let createHostPath = bind?.field("create_host_path")?.boolValue ?? false
        let selinux = bind?.field("selinux")?.scalarText
        if createHostPath && propagation == nil && recursive == nil {
            let mode = (readOnly ? "ro" : "rw") + (selinux.map { ",\($0)" } ?? "")
            storage.binds.append("\(source):\(target):\(mode)")
            return
        }
        if let selinux {
            // The Mounts API has no relabel option; Compose drops it here without a word.
            warn(
                "bind.selinux \"\(selinux)\" on \(target) cannot be combined with create_host_path: false, "
                    + "propagation or recursive, and is ignored", at: "volumes")
        }
        var options: [String: JSONValue] = [:]
        if let propagation { options["Propagation"] = .string(propagation) }
        if createHostPath { options["CreateMountpoint"] = true }
        switch recursive {
        case nil, "enabled": break
        case "disabled": options["NonRecursive"] = true
        case "writable", "readonly":
            options[recursive == "writable" ? "ReadOnlyNonRecursive" : "ReadOnlyForceRecursive"] = true
        case let other?:
            throw error(.invalidValue, "unknown bind.recursive \"\(other)\"", at: "volumes")
        }
        storage.mounts.append(mount("bind", source: source, target: target, readOnly: readOnly, "BindOptions", options))
    }

    private func addVolume(
        _ volume: Node, target: String, readOnly: Bool, to storage: inout ContainerStorage
    ) throws(OrchestrationError) {
        let key = volume.field("source")?.scalarText
        // A named volume is known by its engine name (`<project>_<key>`, or its `name`); an anonymous one has none.
        let source = key.map { project.definition("volumes", $0) != nil ? project.engineName("volumes", $0) : $0 }
        let noCopy = volume.field("volume")?.field("nocopy")?.boolValue ?? false
        let subpath = volume.field("volume")?.field("subpath")?.scalarText
        if let source, !noCopy, subpath == nil {
            storage.binds.append("\(source):\(target):\(readOnly ? "ro" : "rw")")
            return
        }
        var options: [String: JSONValue] = [:]
        if noCopy { options["NoCopy"] = true }
        if let subpath { options["Subpath"] = .string(subpath) }
        storage.mounts.append(
            mount("volume", source: source, target: target, readOnly: readOnly, "VolumeOptions", options))
    }

    /// One `Mounts` entry; the options object only when it has something to say.
    func mount(
        _ type: String, source: String?, target: String, readOnly: Bool, _ optionsKey: String?,
        _ options: [String: JSONValue]
    ) -> JSONValue {
        var fields: [String: JSONValue] = ["Type": .string(type), "Target": .string(target)]
        if let source { fields["Source"] = .string(source) }
        if readOnly { fields["ReadOnly"] = true }
        if let optionsKey, !options.isEmpty { fields[optionsKey] = .object(options) }
        return .object(fields)
    }

    /// `service[:mode]` becomes `<container id>[:mode]`; `container:name[:mode]` becomes `name[:mode]`.
    /// (Compose 2.40.3 loses the mode of the `service:mode` form; Pier keeps it.)
    private func volumesFromEntry(_ entry: String) throws(OrchestrationError) -> String {
        if entry.hasPrefix("container:") { return String(entry.dropFirst("container:".count)) }
        let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
        let id = try container(of: parts[0], for: "volumes_from").id
        return parts.count > 1 ? "\(id):\(parts[1])" : id
    }
}
