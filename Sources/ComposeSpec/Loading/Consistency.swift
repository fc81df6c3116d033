/// Checks that what services reference exists: services they depend on, networks, volumes, secrets and configs;
/// and that dependencies have no cycle.
enum Consistency {
    static func check(_ document: Node) throws(ComposeError) {
        let services = document["services"]?.mapping ?? [:]
        let networks = Set(document["networks"]?.mapping?.keys.map { $0 } ?? [])
        let volumes = Set(document["volumes"]?.mapping?.keys.map { $0 } ?? [])
        let secrets = Set(document["secrets"]?.mapping?.keys.map { $0 } ?? [])
        let configs = Set(document["configs"]?.mapping?.keys.map { $0 } ?? [])
        for (name, service) in services {
            for (dependency, condition) in service["depends_on"]?.mapping ?? [:] where services[dependency] == nil {
                if case .bool(false) = condition["required"]?.value { continue }
                throw ComposeError(
                    .undefinedReference, "service \"\(name)\" depends on undefined service \"\(dependency)\"",
                    at: condition.location ?? service["depends_on"]?.location)
            }
            for (network, entry) in service["networks"]?.mapping ?? [:]
            where network != "default" && !networks.contains(network) {
                throw ComposeError(
                    .undefinedReference, "service \"\(name)\" refers to undefined network \(network)",
                    at: entry.keyLocation ?? entry.location ?? service["networks"]?.location)
            }
            for mount in service["volumes"]?.sequence ?? [] where mount["type"]?.string == "volume" {
                guard let source = mount["source"]?.string, !source.isEmpty, !volumes.contains(source) else { continue }
                throw ComposeError(
                    .undefinedReference,
                    "service \"\(name)\" refers to undefined volume \(source): invalid compose project",
                    at: mount.location)
            }
            try checkWatchTargets(service["develop"]?["watch"], service: name)
            try checkReferences(service["secrets"], defined: secrets, kind: "secret", service: name)
            try checkReferences(service["configs"], defined: configs, kind: "config", service: name)
            if let mode = service["network_mode"]?.string, mode.hasPrefix("service:") {
                let target = String(mode.dropFirst("service:".count))
                if services[target] == nil {
                    throw ComposeError(
                        .undefinedReference, "service \"\(name)\" network_mode refers to undefined service \(target)",
                        at: service["network_mode"]?.location)
                }
            }
        }
        try DependencyGraph.checkAcyclic(services)
        try ResourceRules.check(document)
    }

    /// `develop.watch` rules that copy files name where they go.
    private static func checkWatchTargets(_ rules: Node?, service: String) throws(ComposeError) {
        for rule in rules?.sequence ?? [] {
            guard let action = rule["action"]?.scalarText, action != "rebuild", action != "restart",
                (rule["target"]?.scalarText ?? "").isEmpty
            else { continue }
            throw ComposeError(
                .invalidValue,
                "services.\(service).develop.watch: target is required for non-rebuild actions: invalid compose project",
                at: rule.location)
        }
    }

    private static func checkReferences(
        _ node: Node?, defined: Set<String>, kind: String, service: String
    ) throws(ComposeError) {
        for reference in node?.sequence ?? [] {
            guard let source = reference["source"]?.scalarText ?? reference.scalarText, !defined.contains(source) else {
                continue
            }
            throw ComposeError(
                .undefinedReference,
                "service \"\(service)\" refers to undefined \(kind) \(source): invalid compose project",
                at: reference.location)
        }
    }
}

/// The services' `depends_on` graph.
enum DependencyGraph {
    /// Walks the graph depth first without recursion, so a chain of any length is checked in linear time.
    static func checkAcyclic(_ services: Node.Mapping) throws(ComposeError) {
        var done = Set<String>()
        var onPath: [String: Int] = [:]  // service -> its position in `path`
        for root in services.keys where !done.contains(root) {
            // Each entry: a service on the current path and the dependencies it has yet to visit.
            var path: [(name: String, pending: [String])] = [(root, dependencies(of: root, in: services))]
            onPath[root] = 0
            while let last = path.last {
                guard let next = last.pending.last else {
                    path.removeLast()
                    onPath[last.name] = nil
                    done.insert(last.name)
                    continue
                }
                path[path.count - 1].pending.removeLast()
                if done.contains(next) { continue }
                if let start = onPath[next] {
                    let cycle = path[start...].map(\.name) + [next]
                    throw ComposeError(
                        .dependencyCycle, "dependency cycle detected: \(cycle.joined(separator: " -> "))",
                        at: services[next]?["depends_on"]?.location)
                }
                onPath[next] = path.count
                path.append((next, dependencies(of: next, in: services)))
            }
        }
    }

    /// In reverse order, so that popping them visits them in document order.
    private static func dependencies(of name: String, in services: Node.Mapping) -> [String] {
        (services[name]?["depends_on"]?.mapping?.keys ?? []).filter { services[$0] != nil }.reversed()
    }
}

/// `config` prints only the networks, volumes, secrets and configs some service uses.
enum UnusedResources {
    static func remove(from document: Node) -> Node {
        let services = document["services"]?.mapping?.values.map { $0 } ?? []
        var used: [String: Set<String>] = ["networks": [], "volumes": [], "secrets": [], "configs": [], "models": []]
        for service in services {
            used["networks"]!.formUnion(service["networks"]?.mapping?.keys.map { $0 } ?? [])
            // `models: [llm]` or `models: {llm: {endpoint_var: …}}`.
            let models = service["models"]
            used["models"]!.formUnion(
                models?.sequence?.compactMap(\.scalarText) ?? models?.mapping?.keys.map { $0 } ?? [])
            for mount in service["volumes"]?.sequence ?? [] where mount["type"]?.string == "volume" {
                if let source = mount["source"]?.string { used["volumes"]!.insert(source) }
            }
            for section in ["secrets", "configs"] {
                let references = (service[section]?.sequence ?? []) + (service["build"]?[section]?.sequence ?? [])
                used[section]!.formUnion(references.compactMap { $0["source"]?.scalarText ?? $0.scalarText })
            }
        }
        var result = document
        for (section, names) in used {
            guard let resources = document[section]?.mapping else { continue }
            let kept = resources.filter { names.contains($0.key) }
            if kept.isEmpty {
                result.remove(section)
            } else {
                result[section] = document[section]!.with(.mapping(kept))
            }
        }
        return result
    }
}

/// Rules Compose checks on single resources: attributes that exclude each other or require one another.
enum ResourceRules {
    static func check(_ document: Node) throws(ComposeError) {
        for (name, service) in document["services"]?.mapping ?? [:] {
            try checkService(service, name: name, models: document["models"]?.mapping ?? [:])
        }
        for (name, secret) in document["secrets"]?.mapping ?? [:] where !isExternal(secret) {
            let sources = ["file", "environment"].filter { secret[$0] != nil }
            if sources.count > 1 {
                throw ComposeError(
                    .invalidValue, "secrets.\(name): file|environment attributes are mutually exclusive",
                    at: secret.keyLocation ?? secret.location)
            }
            if sources.isEmpty {
                throw ComposeError(
                    .invalidValue, "secrets.\(name): one of file|environment must be set",
                    at: secret.keyLocation ?? secret.location)
            }
        }
        for (name, config) in document["configs"]?.mapping ?? [:] where !isExternal(config) {
            if ["file", "environment", "content"].filter({ config[$0] != nil }).count > 1 {
                throw ComposeError(
                    .invalidValue, "configs.\(name): file|environment|content attributes are mutually exclusive",
                    at: config.keyLocation ?? config.location)
            }
        }
        for (name, volume) in document["volumes"]?.mapping ?? [:] where isExternal(volume) && volume["driver"] != nil {
            throw ComposeError(
                .invalidValue, "volumes.\(name): conflicting parameters \"external\" and \"driver\" specified",
                at: volume.keyLocation ?? volume.location)
        }
    }

    private static func checkService(_ service: Node, name: String, models: Node.Mapping) throws(ComposeError) {
        if service["image"] == nil, service["build"] == nil, service["provider"] == nil {
            throw ComposeError(
                .invalidValue, "service \"\(name)\" has neither an image nor a build context specified",
                at: service.keyLocation ?? service.location)
        }
        if service["network_mode"] != nil, service["networks"] != nil {
            throw ComposeError(
                .invalidValue, "service \(name) declares mutually exclusive `network_mode` and `networks`",
                at: service["network_mode"]?.location)
        }
        let scale = service["scale"].flatMap(integer)
        let replicas = service["deploy"]?["replicas"].flatMap(integer)
        if let scale, let replicas, scale != replicas {
            throw ComposeError(
                .invalidValue, "services.\(name): can't set distinct values on 'scale' and 'deploy.replicas'",
                at: service["scale"]?.location)
        }
        if service["container_name"] != nil, (scale ?? replicas ?? 1) > 1 {
            throw ComposeError(
                .invalidValue,
                "services.\(name): can't set container_name and \(name) as container name must be unique",
                at: service["container_name"]?.location)
        }
        for model in (service["models"]?.mapping?.keys).map(Array.init) ?? [] where models[model] == nil {
            throw ComposeError(
                .undefinedReference, "service \"\(name)\" refers to undefined model \(model)",
                at: service["models"]?.location)
        }
    }

    private static func integer(_ node: Node) -> Int? {
        if case .int(let number) = node.value { return number }
        return node.scalarText.flatMap { Int($0) }
    }

    private static func isExternal(_ resource: Node) -> Bool {
        if case .bool(true) = resource["external"]?.value { return true }
        return resource["external"]?.mapping != nil
    }
}
