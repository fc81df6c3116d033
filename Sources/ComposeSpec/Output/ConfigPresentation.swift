import Foundation

/// What `config` prints differs from the loaded project in ways Docker Compose users rely on: literal `$` is
/// written back as `$$` (so the output can be loaded again), and the JSON form leaves out models and nested
/// `x-` extensions, as the reference's does.
public enum ConfigPresentation {
    public enum Format: Sendable {
        case yaml
        case json
    }

    public static func prepare(_ document: Node, format: Format, escapeDollars: Bool) -> Node {
        var result = transform(document, depth: 0, format: format, escapeDollars: escapeDollars)
        if format == .json {
            result.remove("models")
            return jsonQuirks(result)
        }
        // The YAML form leaves out what is unset, and starts with the name.
        for (name, service) in result["services"]?.mapping ?? [:] {
            var service = service
            for key in ["command", "entrypoint"] where service[key]?.isNull == true { service.remove(key) }
            if let ulimits = service["ulimits"]?.mapping {
                // A zero limit prints as both bounds.
                service["ulimits"] = service["ulimits"]!.with(
                    .mapping(
                        ulimits.mapValues { limit in
                            limit.scalarText == "0" ? limit.with(.mapping(["soft": limit, "hard": limit])) : limit
                        }))
            }
            if var deploy = service["deploy"], deploy.mapping != nil {
                for key in ["resources", "placement"] where deploy[key]?.mapping?.isEmpty == true { deploy.remove(key) }
                service["deploy"] = deploy
            }
            result["services"]?[name] = service
        }
        for (name, network) in result["networks"]?.mapping ?? [:] where network["ipam"]?.mapping?.isEmpty == true {
            var network = network
            network.remove("ipam")
            result["networks"]?[name] = network
        }
        guard var entries = result.mapping else { return result }
        let order = ["name", "services", "networks", "volumes", "secrets", "configs", "models"]
        entries.sort { (order.firstIndex(of: $0.key) ?? order.count) < (order.firstIndex(of: $1.key) ?? order.count) }
        return result.with(.mapping(entries))
    }

    /// Where the reference's JSON differs from its YAML: `blkio_config` device entries with capitalized keys,
    /// a zero ulimit as `{}`, and an empty `exec` on every `develop.watch` rule.
    private static func jsonQuirks(_ document: Node) -> Node {
        var result = document
        for (name, service) in document["services"]?.mapping ?? [:] {
            if let ulimits = service["ulimits"]?.mapping {
                result["services"]?[name]?["ulimits"] = service["ulimits"]!.with(
                    .mapping(ulimits.mapValues { limit in limit.scalarText == "0" ? limit.with(.mapping([:])) : limit })
                )
            }
            if let watch = service["develop"]?["watch"]?.sequence {
                result["services"]?[name]?["develop"]?["watch"] = service["develop"]!["watch"]!.with(
                    .sequence(
                        watch.map { rule in
                            var rule = rule
                            if rule["exec"] == nil { rule["exec"] = .mapping(["command": .null]) }
                            return rule
                        }))
            }
            guard var blkio = service["blkio_config"], blkio.mapping != nil else { continue }
            for key in [
                "device_read_bps", "device_write_bps", "device_read_iops", "device_write_iops", "weight_device",
            ] {
                guard let list = blkio[key]?.sequence else { continue }
                blkio[key] = blkio[key]!.with(
                    .sequence(
                        list.map { entry in
                            var capitalized = Node.Mapping()
                            for (field, value) in entry.mapping ?? [:] {
                                capitalized[field.prefix(1).uppercased() + field.dropFirst()] = value
                            }
                            return entry.with(.mapping(capitalized))
                        }))
            }
            result["services"]?[name]?["blkio_config"] = blkio
        }
        return result
    }

    private static func transform(_ node: Node, depth: Int, format: Format, escapeDollars: Bool) -> Node {
        switch node.value {
        case .string(let text) where escapeDollars && text.contains("$"):
            return node.with(.string(text.replacingOccurrences(of: "$", with: "$$")))
        case .sequence(let items):
            return node.with(
                .sequence(items.map { transform($0, depth: depth + 1, format: format, escapeDollars: escapeDollars) }))
        case .mapping(let entries):
            var result = Node.Mapping()
            for (key, value) in entries {
                if format == .json, depth > 0, key.hasPrefix("x-") { continue }
                let printedKey = escapeDollars ? key.replacingOccurrences(of: "$", with: "$$") : key
                result[printedKey] = transform(value, depth: depth + 1, format: format, escapeDollars: escapeDollars)
            }
            return node.with(.mapping(result))
        default:
            return node
        }
    }
}
