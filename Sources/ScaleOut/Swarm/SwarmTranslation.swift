import ComposeSpec

/// A project translated for Swarm: the stack file's form of the Compose Specification (`version: "3.9"`, which
/// `docker stack deploy` accepts), every key Swarm can express in another form translated (`mem_limit` and `cpus`
/// to `deploy.resources`, `restart` to `deploy.restart_policy`, long `depends_on` to its list, `shm_size` to a tmpfs
/// mount, `platform` to a placement constraint, bridge networks to overlay ones), and every key it cannot express in
/// the loss report with its file:line:column. ``SwarmStackFile`` writes it; ``StackDeployer`` deploys it.
public struct SwarmTranslation: Sendable {
    /// The stack's document: `services`, `networks`, `volumes`, `configs` and `secrets` as the stack file has them.
    public var document: Node
    /// The services in the order they start, each after what it depends on, with their dependencies.
    public var startOrder: [(name: String, dependencies: [ServiceGraph.Dependency])]
    public var losses: LossReport

    public init(_ project: LoadedProject) {
        var losses = LossReport(target: "Swarm")
        var services = Node.Mapping()
        let graph = ServiceGraph(document: project.document)
        for (name, service) in project.servicesInStartOrder {
            var translator = SwarmServiceTranslator(name: name, service: service, project: project)
            services[name] = translator.translate()
            losses.append(contentsOf: translator.report.losses)
        }
        var document: Node.Mapping = ["version": .text("3.9"), "services": Node(.mapping(services))]
        var networks = Self.networks(project, losses: &losses)
        // `network_mode: host` or `none` joins the engine's network of that name.
        for service in services.values {
            for mode in ["host", "none"] where service["networks"]?[mode] != nil && networks[mode] == nil {
                networks[mode] = .object(["name": .text(mode), "external": .flag(true)])
            }
        }
        document["networks"] = .nonEmptyObject(networks)
        for section in ["volumes", "configs", "secrets"] {
            document[section] = .nonEmptyObject(Self.resources(section, project, losses: &losses))
        }
        self.document = Node(.mapping(document))
        startOrder = project.servicesInStartOrder.map { ($0.name, graph.dependencies(of: $0.name)) }
        self.losses = losses
    }

    /// Networks as overlay networks: a `bridge` (or driverless) network becomes an overlay one, which spans nodes.
    private static func networks(_ project: LoadedProject, losses: inout LossReport) -> Node.Mapping {
        var networks = Node.Mapping()
        for (name, network) in project.section("networks") {
            var translated = Node.Mapping()
            for (key, value) in network.entries where !SwarmServiceTranslator.isUnset(value) {
                switch key {
                case "driver":
                    let driver = value.string ?? ""
                    translated[key] = .text(driver == "bridge" ? "overlay" : driver)
                case "name", "external", "attachable", "internal", "labels", "driver_opts", "ipam", "enable_ipv6":
                    translated[key] = value
                default:
                    losses.add("networks.\(name).\(key)", "Swarm networks have no \(key)", node: value)
                }
            }
            if translated["external"] == nil, translated["driver"] == nil { translated["driver"] = .text("overlay") }
            Self.dropImplicitName(&translated, key: name, project: project)
            networks[name] = Node(.mapping(translated))
        }
        return networks
    }

    /// Leaves out the name the loader gives (`project_key`): the stack then names the resource after itself.
    private static func dropImplicitName(_ definition: inout Node.Mapping, key: String, project: LoadedProject) {
        if definition["name"]?.string == "\(project.name)_\(key)", definition["external"] == nil {
            definition["name"] = nil
        }
    }

    /// Volumes, configs and secrets, with the keys Swarm knows.
    private static func resources(_ section: String, _ project: LoadedProject, losses: inout LossReport)
        -> Node.Mapping
    {
        let known: Set<String> =
            section == "volumes"
            ? ["name", "external", "driver", "driver_opts", "labels"]
            : [
                "name", "external", "file", "content", "environment", "labels", "driver", "driver_opts",
                "template_driver",
            ]
        var result = Node.Mapping()
        for (name, definition) in project.section(section) {
            var translated = Node.Mapping()
            for (key, value) in definition.entries where !SwarmServiceTranslator.isUnset(value) {
                if known.contains(key) {
                    translated[key] = value
                } else {
                    losses.add("\(section).\(name).\(key)", "Swarm has no \(key)", node: value)
                }
            }
            dropImplicitName(&translated, key: name, project: project)
            result[name] = Node(.mapping(translated))
        }
        return result
    }
}
