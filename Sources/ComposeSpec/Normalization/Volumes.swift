/// Service mounts: `[SOURCE:]TARGET[:OPTIONS]` or the long syntax, all to the long syntax.
enum Volumes {
    static let propagations: Set<String> = ["shared", "rshared", "slave", "rslave", "private", "rprivate"]
    static let consistencies: Set<String> = ["cached", "delegated", "consistent"]

    /// `path` names the attribute in errors (`services.web.volumes`).
    static func normalize(_ node: Node, path: String) throws(ComposeError) -> Node {
        guard let items = node.sequence else { return node }
        var result: [Node] = []
        for (index, item) in items.enumerated() {
            if let text = item.string {
                result.append(Node(.mapping(try short(text, at: item.location)), at: item.location))
            } else {
                result.append(try long(item, path: "\(path)[\(index)]"))
            }
        }
        return node.with(.sequence(result))
    }

    private static func long(_ item: Node, path: String) throws(ComposeError) -> Node {
        var volume = item
        // An empty source is none: an anonymous volume, or an image volume Compose then reports as incomplete.
        if item["source"]?.string == "", item["type"]?.string != "bind" { volume.remove("source") }
        if case .bool(false) = item["bind"]?["create_host_path"]?.value {
            var bind = item["bind"]!
            bind.remove("create_host_path")
            volume["bind"] = bind
        }
        if let size = item["tmpfs"]?["size"] {
            var tmpfs = item["tmpfs"]!
            tmpfs["size"] = try size.validBytes(path: "\(path).tmpfs.size")
            volume["tmpfs"] = tmpfs
        }
        return volume
    }

    static func short(_ spec: String, at location: SourceLocation?) throws(ComposeError) -> Node.Mapping {
        var parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        // `C:\\data:/target` and `c:/data:/target`: a drive letter is part of a Windows source path.
        if parts.count >= 3, parts[0].count == 1, parts[0].first!.isLetter,
            parts[1].hasPrefix("\\") || parts[1].hasPrefix("/")
        {
            parts.replaceSubrange(0...1, with: [parts[0] + ":" + parts[1]])
        } else if parts.count == 2, parts[0].count == 1, parts[0].first!.isLetter, parts[1].hasPrefix("/") {
            parts = [spec]  // `n:/n` is an anonymous volume at a Windows path.
        }
        guard !spec.isEmpty, parts.count <= 3, !parts.contains(where: \.isEmpty) else {
            throw ComposeError(.invalidValue, "invalid volume specification: \"\(spec)\"", at: location)
        }
        var volume = Node.Mapping()
        if parts.count == 1 {
            volume["type"] = .string("volume")
            volume["target"] = .string(parts[0])
            volume["volume"] = .mapping([:])
            return volume
        }
        let source = parts[0]
        let isWindowsPath = source.count > 2 && source.first!.isLetter && source.dropFirst().first == ":"
        let isPath = source.hasPrefix("/") || source.hasPrefix(".") || source.hasPrefix("~") || isWindowsPath
        volume["type"] = .string(isPath ? "bind" : "volume")
        volume["source"] = .string(source.hasPrefix("~") ? Paths.expandHome(source) : source)
        volume["target"] = .string(parts[1].hasPrefix("/") ? Paths.clean(parts[1]) : parts[1])
        var bind = Node.Mapping()
        var options = Node.Mapping()
        let modes = parts.count == 3 ? parts[2].split(separator: ",").map(String.init) : []
        for mode in modes {
            switch mode {
            case "ro": volume["read_only"] = Node(.bool(true))
            case "rw": break
            case "z", "Z": bind["selinux"] = .string(mode)
            case "nocopy": options["nocopy"] = Node(.bool(true))
            case _ where propagations.contains(mode): bind["propagation"] = .string(mode)
            case _ where consistencies.contains(mode): break  // Compose ignores them in the short syntax.
            default:
                throw ComposeError(
                    .invalidValue, "invalid volume specification: \"\(spec)\": unknown option \"\(mode)\"", at: location
                )
            }
        }
        if isPath {
            bind["create_host_path"] = Node(.bool(true))
            volume["bind"] = .mapping(bind)
        } else {
            volume["volume"] = .mapping(options)
        }
        return volume
    }
}
