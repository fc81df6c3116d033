import Foundation

/// What `config` prints differs from the loaded project in ways Docker Compose users rely on: literal `$` is
/// written back as `$$` (so the output can be loaded again), keys come in the reference's order, and the JSON
/// form leaves out models and nested `x-` extensions, as the reference's does.
public enum ConfigPresentation {
    public enum Format: Sendable {
        case yaml
        case json
    }

    public static func prepare(_ document: Node, format: Format, escapeDollars: Bool) -> Node {
        var document = document
        // Normalization folds `label_file` into `labels` and keeps its absolute paths for the configuration hash;
        // the reference prints only the labels.
        updateServices(in: &document) { service in
            var service = service
            let paths = service["label_file"]?.sequence?.compactMap(\.string) ?? []
            if !paths.isEmpty, paths.allSatisfy({ $0.hasPrefix("/") }) { service.remove("label_file") }
            return service
        }
        switch format {
        case .json:
            document.remove("models")
            updateServices(in: &document, jsonService)
        case .yaml:
            updateServices(in: &document, yamlService)
            if var networks = document["networks"]?.mapping {
                // An empty `ipam` is left out.
                for index in networks.values.indices where networks.values[index]["ipam"]?.mapping?.isEmpty == true {
                    networks.values[index].remove("ipam")
                }
                document["networks"] = document["networks"]!.with(.mapping(networks))
            }
        }
        let order: KeyOrder = format == .json ? .jsonProject : .yamlProject
        let options = Options(
            dropsNestedExtensions: format == .json, escapesDollars: escapeDollars,
            collation: format == .json ? .bytes : .yaml)
        return arrange(document, order: order, depth: 0, options: options)
    }

    /// A network or volume as the reference's JSON encoder writes it before `config` escapes `$`: what its
    /// configuration hash covers.
    static func hashable(_ node: Node, order: KeyOrder) -> Node {
        arrange(
            node, order: order, depth: 1,
            options: Options(dropsNestedExtensions: true, escapesDollars: false, collation: .bytes))
    }

    /// A service as the reference's JSON encoder writes it, quirks included, before `config` escapes `$`.
    static func hashable(service: Node) -> Node {
        hashable(jsonService(service), order: .service)
    }

    private static func updateServices(in document: inout Node, _ transform: (Node) -> Node) {
        guard let services = document["services"]?.mapping else { return }
        document["services"] = document["services"]!.with(.mapping(services.mapValues(transform)))
    }

    /// The YAML form leaves out what is unset, and prints a zero ulimit as both bounds.
    private static func yamlService(_ service: Node) -> Node {
        var service = service
        for key in ["command", "entrypoint"] where service[key]?.isNull == true { service.remove(key) }
        updateUlimits(of: &service) { limit in
            limit.scalarText == "0" ? limit.with(.mapping(["soft": limit, "hard": limit])) : limit
        }
        if var deploy = service["deploy"], deploy.mapping != nil {
            for key in ["resources", "placement"] where deploy[key]?.mapping?.isEmpty == true { deploy.remove(key) }
            service["deploy"] = deploy
        }
        return service
    }

    /// Where the reference's JSON differs from its YAML: `blkio_config` device entries with capitalized keys,
    /// ulimits without their zero bounds (a zero ulimit as `{}`), and an empty `exec` on every `develop.watch` rule.
    private static func jsonService(_ service: Node) -> Node {
        var service = service
        updateUlimits(of: &service) { limit in
            if limit.scalarText == "0" { return limit.with(.mapping([:])) }
            guard let bounds = limit.mapping else { return limit }
            return limit.with(.mapping(bounds.filter { $0.value.scalarText != "0" }))
        }
        if var develop = service["develop"], let rules = develop["watch"]?.sequence {
            develop["watch"] = develop["watch"]!.with(
                .sequence(
                    rules.map { rule in
                        var rule = rule
                        if rule["exec"] == nil { rule["exec"] = .mapping(["command": .null]) }
                        return rule
                    }))
            service["develop"] = develop
        }
        guard var blkio = service["blkio_config"], blkio.mapping != nil else { return service }
        for key in ["device_read_bps", "device_write_bps", "device_read_iops", "device_write_iops", "weight_device"] {
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
        service["blkio_config"] = blkio
        return service
    }

    /// Rewrites each limit of the service's `ulimits` and `build.ulimits`.
    private static func updateUlimits(of service: inout Node, _ transform: (Node) -> Node) {
        if let ulimits = service["ulimits"], let limits = ulimits.mapping {
            service["ulimits"] = ulimits.with(.mapping(limits.mapValues(transform)))
        }
        if var build = service["build"], let ulimits = build["ulimits"], let limits = ulimits.mapping {
            build["ulimits"] = ulimits.with(.mapping(limits.mapValues(transform)))
            service["build"] = build
        }
    }

    private struct Options {
        var dropsNestedExtensions: Bool
        var escapesDollars: Bool
        var collation: KeyOrder.Collation
    }

    /// The tree with its keys in the reference's order, `$` escaped and nested extensions dropped as asked.
    private static func arrange(_ node: Node, order: KeyOrder, depth: Int, options: Options) -> Node {
        switch node.value {
        case .string(let text) where options.escapesDollars && text.contains("$"):
            return node.with(.string(text.replacingOccurrences(of: "$", with: "$$")))
        case .sequence(let items):
            return node.with(.sequence(items.map { arrange($0, order: order, depth: depth + 1, options: options) }))
        case .mapping(let entries):
            var result = Node.Mapping(minimumCapacity: entries.count)
            for (key, value) in entries {
                if options.dropsNestedExtensions, depth > 0, key.hasPrefix("x-") { continue }
                let printedKey =
                    options.escapesDollars && key.contains("$") ? key.replacingOccurrences(of: "$", with: "$$") : key
                result[printedKey] = arrange(
                    order.printed(value, forKey: key), order: order.child(key), depth: depth + 1, options: options)
            }
            order.arrange(&result, collation: options.collation)
            return node.with(.mapping(result))
        default:
            return node
        }
    }
}
