import ComposeSpec

/// The service keys with parts Swarm cannot express: each such part is a loss.
extension SwarmServiceTranslator {
    mutating func healthcheck(_ value: Node, path: String) -> Node {
        var result = Node.Mapping()
        for (key, setting) in value.entries {
            if ["test", "interval", "timeout", "retries", "start_period", "disable"].contains(key) {
                result[key] = setting
            } else {
                report.add("\(path).\(key)", "Swarm's health check has no \(key)", node: setting)
            }
        }
        return Node(.mapping(result))
    }

    mutating func ports(_ value: Node, path: String) -> Node {
        var ports: [Node] = []
        for (index, port) in (value.sequence ?? []).enumerated() {
            var result = Node.Mapping()
            for (key, setting) in port.entries where !Self.isUnset(setting) {
                switch key {
                case "target", "protocol", "mode": result[key] = setting
                case "published":
                    guard let number = setting.int64Value else {
                        report.add("\(path)[\(index)].published", "Swarm publishes one port per entry", node: setting)
                        continue
                    }
                    result[key] = .integer(number)
                default: report.add("\(path)[\(index)].\(key)", "Swarm publishes ports without \(key)", node: setting)
                }
            }
            ports.append(Node(.mapping(result)))
        }
        return .list(ports)
    }

    mutating func volumes(_ value: Node, path: String) -> Node {
        var mounts = result["volumes"]?.sequence ?? []
        for (index, mount) in (value.sequence ?? []).enumerated() {
            let itemPath = "\(path)[\(index)]"
            var result = Node.Mapping()
            for (key, setting) in mount.entries where !Self.isUnset(setting) {
                switch key {
                case "type", "source", "target", "read_only", "consistency", "tmpfs": result[key] = setting
                case "bind":
                    // Swarm, like docker stack deploy, does not create a missing host path: docs/scale-out.md.
                    if let propagation = setting.field("propagation") {
                        result["bind"] = .object(["propagation": propagation])
                    }
                case "volume":
                    if let nocopy = setting.field("nocopy") { result["volume"] = .object(["nocopy": nocopy]) }
                    if let subpath = setting.field("subpath") {
                        report.add("\(itemPath).volume.subpath", "Swarm mounts whole volumes", node: subpath)
                    }
                default: report.add("\(itemPath).\(key)", "Swarm mounts have no \(key)", node: setting)
                }
            }
            if let type = mount.field("type")?.string, !["bind", "volume", "tmpfs"].contains(type) {
                report.add(itemPath, "Swarm has no \(type) mount", node: mount)
                continue
            }
            mounts.append(Node(.mapping(result)))
        }
        return .list(mounts)
    }

    mutating func networks(_ value: Node, path: String) -> Node {
        var networks = Node.Mapping()
        for (network, attachment) in value.entries {
            var result = Node.Mapping()
            for (key, setting) in attachment.entries where !Self.isUnset(setting) {
                if key == "aliases" {
                    result[key] = setting
                } else {
                    report.add("\(path).\(network).\(key)", "Swarm attaches services without \(key)", node: setting)
                }
            }
            networks[network] = result.isEmpty ? .null : Node(.mapping(result))
        }
        return Node(.mapping(networks))
    }

    /// `configs` and `secrets` entries, their mode as the number the stack file takes.
    func files(_ value: Node) -> Node {
        .list(
            (value.sequence ?? []).map { entry in
                var entry = entry
                if case .string(let text) = entry.field("mode")?.value, let mode = Int(text, radix: 8) {
                    entry.set("mode", .integer(mode))
                }
                return entry
            })
    }

    /// `deploy`'s own keys: all of them are Swarm's, but for device reservations.
    mutating func deployKeys() {
        let path = "services.\(name).deploy"
        if var resources = deploy["resources"], let devices = resources["reservations"]?["devices"] {
            report.add("\(path).resources.reservations.devices", "Swarm reserves no devices", node: devices)
            var reservations = resources["reservations"] ?? .object([:])
            reservations.set("devices", nil)
            resources.set("reservations", reservations)
            deploy["resources"] = resources
        }
        for key in ["resources", "placement"] where deploy[key].map(Self.isUnset) == true { deploy[key] = nil }
        if let resources = deploy["resources"] {
            for kind in ["limits", "reservations"] where resources[kind].map(Self.isUnset) == true {
                deploy["resources"]?.set(kind, nil)
            }
        }
    }
}
