import ComposeSpec

extension ProjectGraph {
    /// The graph of a loaded project: every service of its canonical document (load it with all profiles to see
    /// the services behind profiles too), and the resources they use.
    public init(project: LoadedProject) {
        self.init(name: project.name, document: project.document, workingDirectory: project.workingDirectory)
    }

    public init(name: String, document: Node, workingDirectory: String) {
        var nodes: [GraphNode] = []
        var edges: [GraphEdge] = []
        let services = ServiceView.all(in: document)
        let serviceNames = Set(services.map(\.name))
        for service in services {
            let id = Self.id(.service, service.name)
            nodes.append(
                GraphNode(
                    id: id, kind: .service, name: service.name,
                    attributes: Self.serviceAttributes(service, workingDirectory: workingDirectory),
                    location: service.node.keyLocation ?? service.node.location))
            edges += Self.dependencyEdges(service, known: serviceNames)
            edges += Self.resourceEdges(service)
            for (node, edge) in Self.portNodes(service) {
                nodes.append(node)
                edges.append(edge)
            }
        }
        for (section, kind) in [("networks", NodeKind.network), ("volumes", .volume), ("secrets", .secret)]
            + [("configs", NodeKind.config)]
        {
            for (key, definition) in (document[section]?.mapping ?? [:]) {
                nodes.append(
                    GraphNode(
                        id: Self.id(kind, key), kind: kind, name: key,
                        attributes: Self.resourceAttributes(definition, key: key, workingDirectory: workingDirectory),
                        location: definition.keyLocation ?? definition.location))
            }
        }
        let known = Set(nodes.map(\.id))
        self.init(project: name, nodes: nodes, edges: edges.filter { known.contains($0.to) })
    }

    private static func serviceAttributes(_ service: ServiceView, workingDirectory: String) -> [Attribute] {
        var attributes: [Attribute] = []
        if let image = service.image { attributes.append(Attribute("image", image)) }
        if let build = service.build {
            var text = relative(build["context"]?.scalarText ?? ".", to: workingDirectory)
            if let dockerfile = build["dockerfile"]?.scalarText, dockerfile != "Dockerfile" {
                text += " (\(dockerfile))"
            }
            if let target = build["target"]?.scalarText { text += " target \(target)" }
            attributes.append(Attribute("build", text))
        }
        attributes.append(Attribute("replicas", String(service.replicas)))
        if !service.profiles.isEmpty {
            attributes.append(Attribute("profiles", service.profiles.joined(separator: ",")))
        }
        if let check = service.healthcheck {
            let test = (check["test"]?.sequence ?? []).compactMap(\.scalarText)
            attributes.append(Attribute("healthcheck", shortened(test.dropFirst().joined(separator: " "))))
        } else if service.disablesHealthcheck {
            attributes.append(Attribute("healthcheck", "disabled"))
        }
        if let mode = service.field("network_mode")?.scalarText, !mode.hasPrefix("service:") {
            attributes.append(Attribute("network_mode", mode))
        }
        if let name = service.field("container_name")?.scalarText {
            attributes.append(Attribute("container_name", name))
        }
        return attributes
    }

    private static func resourceAttributes(_ definition: Node, key: String, workingDirectory: String) -> [Attribute] {
        var attributes: [Attribute] = []
        if let name = definition["name"]?.scalarText, name != key { attributes.append(Attribute("name", name)) }
        if definition["external"]?.isTrue == true { attributes.append(Attribute("external", "true")) }
        for field in ["driver", "file", "environment"] {
            if let value = definition[field]?.scalarText {
                attributes.append(Attribute(field, field == "file" ? relative(value, to: workingDirectory) : value))
            }
        }
        if definition["internal"]?.isTrue == true { attributes.append(Attribute("internal", "true")) }
        return attributes
    }

    /// `depends_on` edges, and the edges of the dependencies `links`, `volumes_from` and `service:` modes imply
    /// (the canonical `depends_on` holds those too, written where the link or mode was).
    private static func dependencyEdges(_ service: ServiceView, known: Set<String>) -> [GraphEdge] {
        let from = id(.service, service.name)
        let implicit = ImplicitDependency.all(of: service.node)
        var edges: [GraphEdge] = []
        for (name, entry) in service.dependsOn {
            let impliedHere = implicit.contains { $0.service == name && $0.location == entry.location }
            guard !impliedHere, known.contains(name) else { continue }
            var attributes = [Attribute("condition", entry["condition"]?.scalarText ?? "service_started")]
            attributes.append(Attribute("required", entry["required"]?.scalarText ?? "true"))
            if entry["restart"]?.isTrue == true { attributes.append(Attribute("restart", "true")) }
            edges.append(
                GraphEdge(
                    from: from, to: id(.service, name), kind: .dependsOn, attributes: attributes,
                    location: entry.keyLocation ?? entry.location))
        }
        for dependency in implicit where known.contains(dependency.service) {
            let kind = EdgeKind(rawValue: dependency.attribute) ?? .dependsOn
            edges.append(
                GraphEdge(
                    from: from, to: id(.service, dependency.service), kind: kind,
                    attributes: implicitAttributes(dependency, in: service), location: dependency.location))
        }
        return edges
    }

    private static func implicitAttributes(_ dependency: ImplicitDependency, in service: ServiceView) -> [Attribute] {
        let item = (service.list(dependency.attribute)).first { $0.location == dependency.location }
        let parts = item?.scalarText?.split(separator: ":").map(String.init) ?? []
        switch dependency.attribute {
        case "links" where parts.count > 1: return [Attribute("alias", parts[1])]
        case "volumes_from": return [Attribute("mode", parts.count > 1 ? parts[1] : "rw")]
        default: return []
        }
    }

    /// Edges to the networks, named volumes, secrets and configs the service uses.
    private static func resourceEdges(_ service: ServiceView) -> [GraphEdge] {
        let from = id(.service, service.name)
        var edges: [GraphEdge] = []
        for (network, settings) in service.field("networks")?.mapping ?? [:] {
            var attributes: [Attribute] = []
            if let aliases = settings["aliases"]?.sequence?.compactMap(\.scalarText), !aliases.isEmpty {
                attributes.append(Attribute("aliases", aliases.joined(separator: ",")))
            }
            for key in ["ipv4_address", "ipv6_address"] {
                if let address = settings[key]?.scalarText { attributes.append(Attribute(key, address)) }
            }
            edges.append(
                GraphEdge(
                    from: from, to: id(.network, network), kind: .network, attributes: attributes,
                    location: settings.location ?? service.field("networks")?.location))
        }
        for volume in service.volumes where volume["type"]?.scalarText == "volume" {
            guard let source = volume["source"]?.scalarText else { continue }
            var attributes = [Attribute("target", volume["target"]?.scalarText ?? "")]
            if volume["read_only"]?.isTrue == true { attributes.append(Attribute("read_only", "true")) }
            edges.append(
                GraphEdge(
                    from: from, to: id(.volume, source), kind: .volume, attributes: attributes,
                    location: volume.location))
        }
        for (key, kind) in [("secrets", NodeKind.secret), ("configs", .config)] {
            for reference in service.list(key) {
                guard let source = reference["source"]?.scalarText else { continue }
                let target = reference["target"]?.scalarText.map { [Attribute("target", $0)] } ?? []
                edges.append(
                    GraphEdge(
                        from: from, to: id(kind, source), kind: kind == .secret ? .secret : .config,
                        attributes: target, location: reference.location))
            }
        }
        return edges
    }

    /// A node per published port, with an edge to the service it reaches.
    private static func portNodes(_ service: ServiceView) -> [(GraphNode, GraphEdge)] {
        service.ports.map { port in
            let proto = port["protocol"]?.scalarText ?? "tcp"
            let target = port["target"]?.scalarText ?? ""
            let hostIP = port["host_ip"]?.scalarText.map { $0.contains(":") ? "[\($0)]:" : "\($0):" } ?? ""
            let name: String
            var attributes: [Attribute] = []
            if let published = port["published"]?.scalarText, !published.isEmpty {
                name = "\(hostIP)\(published)/\(proto)"
            } else {
                name = "\(hostIP)\(service.name):\(target)/\(proto)"
                attributes.append(Attribute("published", "random"))
            }
            let node = GraphNode(
                id: id(.port, name), kind: .port, name: name, attributes: attributes, location: port.location)
            let edge = GraphEdge(
                from: node.id, to: id(.service, service.name), kind: .port,
                attributes: [Attribute("target", "\(target)/\(proto)")], location: port.location)
            return (node, edge)
        }
    }

    /// A path relative to the project directory (`./backend`, `..`), so that the graph does not depend on where
    /// the project is checked out; paths with nothing in common with it stay absolute.
    static func relative(_ path: String, to directory: String) -> String {
        guard path.hasPrefix("/") else { return path }
        let target = path.split(separator: "/")
        let base = directory.split(separator: "/")
        let common = zip(target, base).prefix { $0 == $1 }.count
        guard common > 0 else { return path }
        let ups = Array(repeating: "..", count: base.count - common)
        let rest = target[common...].map(String.init)
        if ups.isEmpty { return (["."] + rest).joined(separator: "/") }
        return (ups + rest).joined(separator: "/")
    }

    private static func shortened(_ text: String) -> String {
        text.count <= 48 ? text : String(text.prefix(47)) + "…"
    }
}
