/// `build`: a context path alone, or the long syntax; args resolved from the environment when left empty.
extension Normalizer {
    /// `path` names the attribute in errors (`services.web.build`).
    func build(_ node: Node, path: String) throws(ComposeError) -> Node {
        var build: Node
        if let context = node.scalarText {
            build = node.with(.mapping(["context": .string(context, at: node.location)]))
        } else if node.mapping != nil {
            build = node
        } else {
            return node
        }
        if build["context"] == nil { build["context"] = .string(resolvePaths ? projectDirectory : ".") }
        if build["dockerfile"]?.string == "" {
            build.remove("dockerfile")  // Compose prints nothing then, and builds `Dockerfile`.
        } else if build["dockerfile"] == nil, build["dockerfile_inline"] == nil {
            build["dockerfile"] = .string("Dockerfile")
        }
        try build.update("args") { args in
            // An arg with no value takes the environment's value, and is dropped when there is none.
            var resolved = args.keyValueMapping(missing: .null)
            for (key, value) in resolved.mapping ?? [:] where value.isNull {
                resolved[key] = environment[key].map { .string($0, at: value.location) }
            }
            return resolved
        }
        try build.update("labels") { $0.keyValueMapping(missing: .empty) }
        try build.update("extra_hosts") { node throws(ComposeError) in try normalizeExtraHosts(node) }
        try build.update("shm_size") { node throws(ComposeError) in try node.validBytes(path: "\(path).shm_size") }
        try build.update("secrets") { secrets in
            guard let items = secrets.sequence else { return secrets }
            return secrets.with(
                .sequence(items.map { $0.scalarText.map { name in .mapping(["source": .string(name)]) } ?? $0 }))
        }
        try build.update("ssh") { ssh in
            guard let entries = ssh.mapping else { return ssh.stringListNode }
            return ssh.with(.sequence(entries.map { .string("\($0.key)=\($0.value.scalarText ?? "")") }))
        }
        for key in ["cache_from", "cache_to", "tags", "platforms"] {
            try build.update(key) { $0.stringListNode }
        }
        for key in ["no_cache", "privileged", "pull"] {
            if let flag = build[key], case .string(let text) = flag.value, text == "true" || text == "false" {
                build[key] = flag.with(.bool(text == "true"))
            }
            if case .bool(false) = build[key]?.value { build.remove(key) }
        }
        try build.update("sbom") { $0.with(.string($0.scalarText ?? "")) }
        try build.update("provenance") { $0.with(.string($0.scalarText ?? "")) }
        if build["cache_from"]?.sequence?.isEmpty == true { build.remove("cache_from") }
        try build.update("additional_contexts") { $0.keyValueMapping(missing: .empty) }
        if var entries = build.mapping {
            let leading = ["context", "dockerfile", "dockerfile_inline"]
            entries.sort {
                (leading.firstIndex(of: $0.key) ?? leading.count) < (leading.firstIndex(of: $1.key) ?? leading.count)
            }
            build.value = .mapping(entries)
        }
        return build
    }
}
