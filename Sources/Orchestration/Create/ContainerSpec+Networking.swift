import ComposeSpec
import DockerEngine

/// How a container joins networks: `NetworkMode`, one endpoint per network, and legacy links.
struct ContainerNetworking {
    var hostConfig: [String: JSONValue] = [:]
    /// The top-level `MacAddress`, which engines before API 1.44 apply to the first network.
    var macAddress: String?
    /// `NetworkingConfig.EndpointsConfig`, keyed by engine network name; nil without networks.
    var endpoints: [String: JSONValue]?
    var connections: [NetworkConnection] = []
}

/// Compose orders a service's networks by `priority` (highest first), then by key (not by engine name). The first
/// is the container's `NetworkMode`. Engines from API 1.44 take every endpoint in the create body; older ones take
/// only the first, and the rest are joined with `NetworkConnect` calls after create, in the same order.
extension ContainerSpec {
    mutating func networkingFields() throws(OrchestrationError) -> ContainerNetworking {
        var result = ContainerNetworking()
        let links = try linkEntries()
        if !links.isEmpty { result.hostConfig["Links"] = .strings(links) }
        let serviceMAC = service.field("mac_address")?.scalarText

        if let mode = service.field("network_mode")?.scalarText {
            var networkMode = mode
            if mode.hasPrefix("service:") {
                let other = String(mode.dropFirst("service:".count))
                networkMode = "container:" + (try container(of: other, for: "network_mode")).id
            }
            result.hostConfig["NetworkMode"] = .string(networkMode)
            result.macAddress = serviceMAC
            return result
        }
        let keys = networkKeysByPriority()
        guard let primary = keys.first else {
            result.hostConfig["NetworkMode"] = "none"
            return result
        }
        result.hostConfig["NetworkMode"] = .string(project.engineName("networks", primary))

        var endpoints: [(key: String, config: [String: JSONValue])] = []
        for key in keys {
            let config = service.field("networks")?.field(key)
            // The service's address is the first network's: only that one must agree (other networks have their own).
            if key == primary, let networkMAC = config?.field("mac_address")?.scalarText, let serviceMAC,
                networkMAC != serviceMAC
            {
                throw error(
                    .conflict, "the service-level mac_address should have the same value as network \(key)",
                    at: "mac_address")
            }
            endpoints.append((key, try endpoint(key: key, config: config, links: links)))
        }
        let splitsConnections = api < APIVersion(1, 44)
        if splitsConnections {
            // The top-level field sets the first network's address (EngineRequirement refuses the others' here).
            result.macAddress = endpoints[0].config.removeValue(forKey: "MacAddress")?.stringValue ?? serviceMAC
        } else if endpoints[0].config["MacAddress"] == nil, let serviceMAC {
            endpoints[0].config["MacAddress"] = .string(serviceMAC)
        }
        let inBody = splitsConnections ? Array(endpoints.prefix(1)) : endpoints
        result.endpoints = Dictionary(
            inBody.map { (project.engineName("networks", $0.key), JSONValue.object($0.config)) },
            uniquingKeysWith: { first, _ in first })
        if splitsConnections {
            result.connections = endpoints.dropFirst().map {
                NetworkConnection(network: project.engineName("networks", $0.key), endpointConfig: .object($0.config))
            }
        }
        return result
    }

    /// The service's network keys: highest `priority` first, then by key.
    func networkKeysByPriority() -> [String] {
        guard let networks = service.field("networks") else {
            return project.definition("networks", "default") != nil ? ["default"] : []
        }
        return Self.networkKeysByPriority(networks)
    }

    /// The keys of a service's `networks`: highest `priority` first, then by key.
    static func networkKeysByPriority(_ networks: Node?) -> [String] {
        (networks?.mapping ?? [:]).map { key, config in (key, config.field("priority")?.int64Value ?? 0) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            .map(\.0)
    }

    /// One endpoint. Aliases: the container name, then (except for one-off containers) the service name and the
    /// network's aliases. A network written with settings gets an `IPAMConfig` object even when empty, as Compose's.
    private mutating func endpoint(
        key: String, config: Node?, links: [String]
    ) throws(OrchestrationError) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        var aliases = [containerName]
        if options.oneOff?.useAliases ?? true {
            aliases += [serviceName] + (config?.field("aliases")?.stringList ?? [])
        }
        fields["Aliases"] = .strings(aliases)
        if !links.isEmpty { fields["Links"] = .strings(links) }
        guard let config, config.mapping != nil else { return fields }

        var ipam: [String: JSONValue] = [:]
        if let address = config.field("ipv4_address")?.scalarText { ipam["IPv4Address"] = .string(address) }
        if let address = config.field("ipv6_address")?.scalarText { ipam["IPv6Address"] = .string(address) }
        if let addresses = config.field("link_local_ips")?.stringList { ipam["LinkLocalIPs"] = .strings(addresses) }
        fields["IPAMConfig"] = .object(ipam)
        if let address = config.field("mac_address")?.scalarText { fields["MacAddress"] = .string(address) }
        var driverOptions = config.field("driver_opts")?.stringDictionary ?? [:]
        if let interface = config.field("interface_name")?.scalarText {
            driverOptions["com.docker.network.endpoint.ifname"] = interface
        }
        if !driverOptions.isEmpty { fields["DriverOpts"] = .stringMap(driverOptions) }
        if let priority = config.field("gw_priority")?.int64Value { fields["GwPriority"] = .int(priority) }
        return fields
    }

    /// `links` and `external_links` as `container:alias`. Each container of a linked service is reachable as the
    /// alias, as `<service>-<n>` and as `<project>-<service>-<n>`, which is what Compose sends.
    func linkEntries() throws(OrchestrationError) -> [String] {
        var entries: [String] = []
        for link in service.field("links")?.stringList ?? [] {
            let parts = link.split(separator: ":", maxSplits: 1).map(String.init)
            let target = parts[0]
            let alias = parts.count > 1 ? parts[1] : target
            let containers = options.containers.containers(target).sorted { $0.number < $1.number }
            guard !containers.isEmpty else {
                throw error(
                    .missingContainer, "links refers to service \"\(target)\", which has no container yet", at: "links")
            }
            let separator = project.nameSeparator
            for other in containers {
                entries += [
                    "\(other.name):\(alias)", "\(other.name):\(target)\(separator)\(other.number)",
                    "\(other.name):\(project.name)\(separator)\(target)\(separator)\(other.number)",
                ]
            }
        }
        for link in service.field("external_links")?.stringList ?? [] {
            entries.append(link.contains(":") ? link : "\(link):\(link)")
        }
        return entries
    }
}
