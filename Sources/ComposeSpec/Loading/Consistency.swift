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
            for (network, entry) in service["networks"]?.mapping ?? [:] where network != "default" && !networks.contains(network) {
                throw ComposeError(
                    .undefinedReference, "service \"\(name)\" refers to undefined network \(network)",
                    at: entry.keyLocation ?? entry.location ?? service["networks"]?.location)
            }
            for mount in service["volumes"]?.sequence ?? [] where mount["type"]?.string == "volume" {
                guard let source = mount["source"]?.string, !source.isEmpty, !volumes.contains(source) else { continue }
                throw ComposeError(
                    .undefinedReference, "service \"\(name)\" refers to undefined volume \(source): invalid compose project",
                    at: mount.location)
            }
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
    }

    private static func checkReferences(
        _ node: Node?, defined: Set<String>, kind: String, service: String
    ) throws(ComposeError) {
        for reference in node?.sequence ?? [] {
            guard let source = reference["source"]?.scalarText ?? reference.scalarText, !defined.contains(source) else {
                continue
            }
            throw ComposeError(
                .undefinedReference, "service \"\(service)\" refers to undefined \(kind) \(source): invalid compose project",
                at: reference.location)
        }
    }
}

/// The services' `depends_on` graph.
enum DependencyGraph {
    static func checkAcyclic(_ services: Node.Mapping) throws(ComposeError) {
        var state: [String: Bool] = [:]  // false: on the current path; true: done
        func visit(_ name: String, path: [String]) throws(ComposeError) {
            if state[name] == true { return }
            if state[name] == false {
                let cycle = path.drop { $0 != name } + [name]
                throw ComposeError(
                    .dependencyCycle, "dependency cycle detected: \(cycle.joined(separator: " -> "))",
                    at: services[name]?["depends_on"]?.location)
            }
            state[name] = false
            for dependency in services[name]?["depends_on"]?.mapping?.keys ?? [] where services[dependency] != nil {
                try visit(dependency, path: path + [name])
            }
            state[name] = true
        }
        for name in services.keys { try visit(name, path: []) }
    }
}

/// `config` prints only the networks, volumes, secrets and configs some service uses.
enum UnusedResources {
    static func remove(from document: Node) -> Node {
        let services = document["services"]?.mapping?.values.map { $0 } ?? []
        var used: [String: Set<String>] = ["networks": [], "volumes": [], "secrets": [], "configs": []]
        for service in services {
            used["networks"]!.formUnion(service["networks"]?.mapping?.keys.map { $0 } ?? [])
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
            if kept.isEmpty { result.remove(section) } else { result[section] = document[section]!.with(.mapping(kept)) }
        }
        return result
    }
}
