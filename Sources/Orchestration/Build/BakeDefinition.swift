import ComposeSpec

/// The bake file `build --print` shows, as Docker Compose writes it: a `default` group of the services to build
/// (with those their `service:` contexts name), and one target per service with its build settings in bake's
/// terms, keys in Compose's order.
public enum BakeDefinition {
    public static func make(project: LoadedProject, services selected: [String], request: BuildRequest) -> Node {
        let services = project.document["services"]?.mapping ?? [:]
        let secrets = project.document["secrets"]?.mapping ?? [:]
        var names = Set(selected.isEmpty ? services.keys.filter { services[$0]?["build"] != nil } : selected)
        var queue = Array(names)
        while let name = queue.popLast() {
            let contexts = services[name]?["build"]?.field("additional_contexts")?.mapping ?? [:]
            for value in contexts.values {
                guard let text = value.scalarText, text.hasPrefix("service:") else { continue }
                if names.insert(String(text.dropFirst(8))).inserted { queue.append(String(text.dropFirst(8))) }
            }
        }
        let built = names.filter { services[$0]?["build"] != nil }.sorted()
        var targets = Node.Mapping()
        for name in built {
            guard let service = services[name], let build = service["build"] else { continue }
            let image =
                service["image"]?.scalarText ?? ContainerNames.defaultImage(project: project.name, service: name)
            targets[name] = target(
                build, service: name, image: image, project: project.name, secrets: secrets, request: request)
        }
        let group: Node = .mapping(["default": .mapping(["targets": .sequence(built.map { .string($0) })])])
        return .mapping(["group": group, "target": .mapping(targets)])
    }

    static func target(
        _ build: Node, service: String, image: String, project: String, secrets: Node.Mapping, request: BuildRequest
    ) -> Node {
        var target = Node.Mapping()
        func strings(_ items: [String]) -> Node { .sequence(items.map { .string($0) }) }
        let context = build.field("context")?.scalarText ?? "."
        target["context"] = .string(context)
        if let contexts = build.field("additional_contexts")?.mapping, !contexts.isEmpty {
            target["contexts"] = .mapping(
                contexts.mapValues { value in
                    let text = value.scalarText ?? ""
                    return .string(text.hasPrefix("service:") ? "target:" + text.dropFirst(8) : text)
                })
        }
        if let inline = build.field("dockerfile_inline")?.scalarText {
            target["dockerfile-inline"] = .string(inline)
        } else {
            let dockerfile = build.field("dockerfile")?.scalarText ?? "Dockerfile"
            target["dockerfile"] = .string(dockerfile.hasPrefix("/") ? dockerfile : context + "/" + dockerfile)
        }
        var arguments = Node.Mapping()
        for (key, value) in build.field("args")?.mapping ?? [:] {
            if let text = value.scalarText { arguments[key] = .string(text) }
        }
        for (key, value) in request.arguments.sorted(by: { $0.key < $1.key }) {
            if let value { arguments[key] = .string(value) }
        }
        if !arguments.isEmpty { target["args"] = .mapping(arguments) }
        var labels = Node.Mapping()
        for (key, value) in build.field("labels")?.mapping ?? [:] { labels[key] = .string(value.scalarText ?? "") }
        labels[ComposeLabels.project] = .string(project)
        labels[ComposeLabels.service] = .string(service)
        labels[ComposeLabels.version] = .string(ComposeLabels.compatibleVersion)
        target["labels"] = .mapping(labels)
        target["tags"] = strings((build.field("tags")?.stringList ?? []).filter { $0 != image } + [image])
        if let list = build.field("cache_from")?.stringList, !list.isEmpty { target["cache-from"] = strings(list) }
        if let list = build.field("cache_to")?.stringList, !list.isEmpty { target["cache-to"] = strings(list) }
        if let stage = build.field("target")?.scalarText, !stage.isEmpty { target["target"] = .string(stage) }
        let secretEntries = (build.field("secrets")?.sequence ?? []).compactMap { entry -> String? in
            guard let source = entry.field("source")?.scalarText ?? entry.scalarText else { return nil }
            let id = entry.field("target")?.scalarText ?? source
            if let file = secrets[source]?.field("file")?.scalarText { return "id=\(id),type=file,src=\(file)" }
            if let variable = secrets[source]?.field("environment")?.scalarText {
                return "id=\(id),type=env,env=\(variable)"
            }
            return nil
        }
        if !secretEntries.isEmpty { target["secret"] = strings(secretEntries) }
        let ssh = (build.field("ssh")?.stringList ?? []) + request.ssh
        if !ssh.isEmpty { target["ssh"] = strings(ssh.map { $0.contains("=") ? $0 : $0 + "=" }) }
        if let platforms = build.field("platforms")?.stringList, !platforms.isEmpty {
            target["platforms"] = strings(platforms)
        }
        if request.pull || build.field("pull")?.boolValue == true { target["pull"] = Node(.bool(true)) }
        if request.noCache || build.field("no_cache")?.boolValue == true { target["no-cache"] = Node(.bool(true)) }
        if let network = build.field("network")?.scalarText { target["network"] = .string(network) }
        if let shmSize = build.field("shm_size")?.byteCount { target["shm-size"] = .string(String(shmSize)) }
        if let ulimits = build.field("ulimits")?.mapping, !ulimits.isEmpty {
            target["ulimits"] = strings(
                ulimits.sorted { $0.key < $1.key }.map { name, limit in
                    if let single = limit.int64Value { return "\(name)=\(single)" }
                    let soft = limit.field("soft")?.int64Value ?? 0
                    return "\(name)=\(soft):\(limit.field("hard")?.int64Value ?? soft)"
                })
        }
        var entitlements = build.field("entitlements")?.stringList ?? []
        if build.field("privileged")?.boolValue == true, !entitlements.contains("security.insecure") {
            entitlements.append("security.insecure")
        }
        if !entitlements.isEmpty { target["entitlements"] = strings(entitlements) }
        if let hosts = build.field("extra_hosts")?.stringList, !hosts.isEmpty {
            var mapping = Node.Mapping()
            for entry in hosts {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                mapping[parts[0]] = .string(parts.count > 1 ? parts[1] : "")
            }
            target["extra-hosts"] = .mapping(mapping)
        }
        target["output"] = strings(["type=docker"])
        return .mapping(target)
    }
}
