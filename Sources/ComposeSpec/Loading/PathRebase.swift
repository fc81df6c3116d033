/// Makes the relative paths of a raw (not yet normalized) compose tree absolute against `directory`.
///
/// Paths in a compose file are relative to its project directory; a service taken from another file by
/// `extends`, or a whole application brought in by `include`, keeps meaning what its own file meant.
enum PathRebase {
    static func document(_ document: Node, directory: String) -> Node {
        var result = document
        if let services = document["services"]?.mapping {
            result["services"] = document["services"]!.with(
                .mapping(services.mapValues { service(_: $0, directory: directory) }))
        }
        if let volumes = document["volumes"]?.mapping {
            result["volumes"] = document["volumes"]!.with(
                .mapping(volumes.mapValues { volumeDevice($0, directory: directory) }))
        }
        for section in ["secrets", "configs"] {
            guard let resources = document[section]?.mapping else { continue }
            result[section] = document[section]!.with(
                .mapping(
                    resources.mapValues { resource in
                        var resource = resource
                        resource["file"] = resource["file"].map { path($0, directory: directory) }
                        return resource
                    }))
        }
        return result
    }

    /// A `local` volume that binds a host directory (`o: bind`) names it in `driver_opts.device`.
    private static func volumeDevice(_ volume: Node, directory: String) -> Node {
        guard volume["driver"]?.string == "local", let options = volume["driver_opts"], options["o"]?.string == "bind",
            let device = options["device"], let text = device.string
        else { return volume }
        var result = volume
        var resolved = options
        resolved["device"] = device.with(.string(Paths.resolved(text, from: directory)))
        result["driver_opts"] = resolved
        return result
    }

    static func service(_ service: Node, directory: String) -> Node {
        guard service.mapping != nil else { return service }
        var result = service
        if let build = service["build"] {
            result["build"] = self.build(build, directory: directory)
        }
        for key in ["env_file", "label_file"] {
            result[key] = service[key].map { fileList($0, directory: directory) }
        }
        if let volumes = service["volumes"]?.sequence {
            result["volumes"] = service["volumes"]!.with(.sequence(volumes.map { volume($0, directory: directory) }))
        }
        if let watch = service["develop"]?["watch"]?.sequence {
            var develop = service["develop"]!
            develop["watch"] = service["develop"]!["watch"]!.with(
                .sequence(
                    watch.map { rule in
                        var rule = rule
                        rule["path"] = rule["path"].map { path($0, directory: directory) }
                        return rule
                    }))
            result["develop"] = develop
        }
        return result
    }

    private static func build(_ build: Node, directory: String) -> Node {
        if build.string != nil { return contextPath(build, directory: directory) }
        guard build.mapping != nil else { return build }
        var result = build
        result["context"] = build["context"].map { contextPath($0, directory: directory) } ?? .string(directory)
        if let contexts = build["additional_contexts"]?.keyValueMapping(missing: .empty).mapping {
            result["additional_contexts"] = build["additional_contexts"]!.with(
                .mapping(contexts.mapValues { contextPath($0, directory: directory) }))
        }
        if let ssh = build["ssh"] { result["ssh"] = sshKeys(ssh, directory: directory) }
        return result
    }

    /// `build.ssh` entries `id=path` (or `id: path`) name a key file or agent socket; `id` alone is the agent.
    private static func sshKeys(_ node: Node, directory: String) -> Node {
        switch node.value {
        case .sequence(let items):
            return node.with(
                .sequence(
                    items.map { item in
                        guard let text = item.string, let equals = text.firstIndex(of: "=") else { return item }
                        let path = Paths.resolved(String(text[text.index(after: equals)...]), from: directory)
                        return item.with(.string(text[...equals] + path))
                    }))
        case .mapping(let entries):
            return node.with(
                .mapping(
                    entries.mapValues { path in
                        path.with(.string(Paths.resolved(path.scalarText ?? "", from: directory)))
                    }))
        default:
            return node
        }
    }

    /// A build context is a directory unless it is a URL, a git remote, an image or another service.
    private static func contextPath(_ node: Node, directory: String) -> Node {
        guard let text = node.string, !Paths.isRemote(text), !text.contains("://"),
            !text.hasPrefix("service:")
        else { return node }
        return node.with(.string(Paths.absolute(text, from: directory)))
    }

    private static func fileList(_ node: Node, directory: String) -> Node {
        if node.string != nil { return path(node, directory: directory) }
        guard let items = node.sequence else { return node }
        return node.with(
            .sequence(
                items.map { item in
                    if item.string != nil { return path(item, directory: directory) }
                    var entry = item
                    entry["path"] = item["path"].map { path($0, directory: directory) }
                    return entry
                }))
    }

    private static func volume(_ node: Node, directory: String) -> Node {
        if let text = node.string {
            guard text.hasPrefix(".") || text.hasPrefix("~") else { return node }
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return node }
            return node.with(.string(Paths.absolute(String(parts[0]), from: directory) + ":" + parts[1]))
        }
        guard node.mapping != nil, node["type"]?.string == "bind", let source = node["source"], let text = source.string
        else { return node }
        var result = node
        result["source"] = source.with(.string(Paths.resolved(text, from: directory)))
        return result
    }

    private static func path(_ node: Node, directory: String) -> Node {
        guard let text = node.string else { return node }
        return node.with(.string(Paths.absolute(text, from: directory)))
    }
}
