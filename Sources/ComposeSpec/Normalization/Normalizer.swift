/// Brings a merged compose document to the canonical form Docker Compose prints with `config`: every short
/// syntax in its long form, paths absolute, defaults filled in, resource names given.
struct Normalizer {
    var projectName: String
    var projectDirectory: String
    var environment: [String: String]
    var resolvePaths: Bool
    /// What reading `env_file`s warned about (unset variables), which the steps below add to as they go.
    let warnings = WarningLog()
    /// Whether `env_file` entries are read into `environment` (`config --no-env-resolution` leaves them as files).
    var resolvesEnvironmentFiles = true
    /// Whether a missing `env_file` or `label_file` fails the load (unless marked `required: false`).
    var requireEnvFiles = true

    init(projectName: String, projectDirectory: String, environment: [String: String], resolvePaths: Bool) {
        self.projectName = projectName
        self.projectDirectory = projectDirectory
        self.environment = environment
        self.resolvePaths = resolvePaths
    }

    /// Normalizes `input`, appending its warnings to `warnings`.
    func normalize(_ input: Node, warnings: inout [ComposeWarning]) throws(ComposeError) -> Node {
        defer { warnings += self.warnings.messages }
        return try normalize(input)
    }

    private func normalize(_ input: Node) throws(ComposeError) -> Node {
        var document = resolvePaths ? PathRebase.document(input, directory: projectDirectory) : input
        document.remove("version")
        if document["services"] == nil { document["services"] = .mapping([:]) }
        var usesDefaultNetwork = false
        if let services = document["services"]?.mapping {
            var normalized = Node.Mapping()
            for (name, service) in services {
                let result = try normalizeService(service, name: name)
                if result["network_mode"] == nil,
                    result["networks"]?["default"] != nil
                        || result["networks"]?.mapping?.keys.contains("default") == true
                {
                    usesDefaultNetwork = true
                }
                normalized[name] = result
            }
            document["services"] = document["services"]!.with(.mapping(normalized))
        }
        var networks = document["networks"]?.mapping ?? [:]
        if usesDefaultNetwork, networks["default"] == nil {
            networks["default"] = .mapping([:])
        }
        if !networks.isEmpty {
            document["networks"] = .mapping(networks.mapValuesWithKeys { normalizeNetwork($1, key: $0) })
        }
        for section in ["volumes", "secrets", "configs"] {
            guard let resources = document[section]?.mapping else { continue }
            document[section] = document[section]!.with(
                .mapping(resources.mapValuesWithKeys { normalizeResource($1, key: $0, section: section) }))
        }
        return sorted(document)
    }

    /// Resources are named `<project>_<key>` unless they are external or named explicitly (an empty name is none).
    private func resourceName(_ resource: Node, key: String) -> Node {
        if let name = resource["name"], let text = name.scalarText, !text.isEmpty { return name.with(.string(text)) }
        if isExternal(resource) { return .string(key) }
        return .string("\(projectName)_\(key)")
    }

    private func isExternal(_ resource: Node) -> Bool {
        if case .bool(true) = resource["external"]?.value { return true }
        return resource["external"]?.mapping != nil
    }

    private func normalizeNetwork(_ input: Node, key: String) -> Node {
        var network = input.mapping == nil ? input.with(.mapping([:])) : input
        network["name"] = resourceName(network, key: key)
        if network["ipam"] == nil { network["ipam"] = .mapping([:]) }
        if network["ipam"]?["options"] != nil { network["ipam"]!.remove("options") }
        normalizeCommonResourceFields(&network)
        return network
    }

    private func normalizeResource(_ input: Node, key: String, section: String) -> Node {
        var resource = input.mapping == nil ? input.with(.mapping([:])) : input
        resource["name"] = resourceName(resource, key: key)
        normalizeCommonResourceFields(&resource)
        return resource
    }

    private func normalizeCommonResourceFields(_ resource: inout Node) {
        if let external = resource["external"]?.mapping {
            // The legacy `external: {name: x}` form names the resource.
            if let name = external["name"] { resource["name"] = name }
            resource["external"] = .init(.bool(true))
        }
        if case .bool(false) = resource["external"]?.value { resource.remove("external") }
        resource["labels"] = resource["labels"].map { $0.keyValueMapping(missing: .empty) }
        resource["driver_opts"] = resource["driver_opts"].map { $0.keyValueMapping(missing: .empty) }
    }

    /// Orders mappings for stable output: the top level and services by key.
    private func sorted(_ document: Node) -> Node {
        guard var entries = document.mapping else { return document }
        for section in ["services", "networks", "volumes", "secrets", "configs", "models"] {
            guard let node = entries[section], var resources = node.mapping else { continue }
            resources.sort { $0.key < $1.key }
            entries[section] = node.with(.mapping(resources))
        }
        return document.with(.mapping(entries))
    }
}

extension Node.Mapping {
    func mapValuesWithKeys(_ transform: (String, Node) -> Node) -> Node.Mapping {
        var result = Node.Mapping()
        for (key, value) in self { result[key] = transform(key, value) }
        return result
    }
}

/// Warnings gathered by steps that cannot take an `inout` list.
final class WarningLog {
    var messages: [ComposeWarning] = []
}
