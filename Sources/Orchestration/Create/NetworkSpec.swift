import ComposeSpec
import DockerEngine

/// The body of `POST /networks/create` for a top-level network, as Docker Compose v2 sends it.
public enum NetworkSpec {
    /// `key` names a network in the document's `networks`; external networks are not created and throw, and so do
    /// attributes newer than `apiVersion` (``EngineRequirement``).
    public static func createBody(
        project: ProjectContext, key: String, apiVersion: APIVersion
    ) throws(OrchestrationError) -> JSONValue {
        guard let definition = project.definition("networks", key) else {
            throw OrchestrationError(.invalidValue, "network \"\(key)\" is not defined in the top-level networks")
        }
        if definition.field("external")?.boolValue == true {
            throw OrchestrationError(
                .unsupported, "network \"\(key)\" is external: Pier uses it but does not create it")
        }
        if let tooNew = EngineRequirement.violations(network: key, definition, api: apiVersion).first { throw tooNew }
        var body: [String: JSONValue] = [
            "Name": .string(project.engineName("networks", key)),
            "Labels": .stringMap(ComposeLabels.network(project: project, key: key, definition: definition)),
        ]
        if let driver = definition.field("driver")?.scalarText { body["Driver"] = .string(driver) }
        if let options = definition.field("driver_opts")?.stringDictionary { body["Options"] = .stringMap(options) }
        for (field, key) in [("Internal", "internal"), ("Attachable", "attachable"), ("EnableIPv6", "enable_ipv6")] {
            if let flag = definition.field(key)?.boolValue { body[field] = .bool(flag) }
        }
        // Older engines always give a network IPv4, which is what `enable_ipv4: true` asks.
        if let ipv4 = definition.field("enable_ipv4")?.boolValue, apiVersion >= APIVersion(1, 47) {
            body["EnableIPv4"] = .bool(ipv4)
        }
        if let ipam = definition.field("ipam"), let entries = ipam.mapping, !entries.isEmpty {
            body["IPAM"] = ipamField(ipam)
        }
        if apiVersion < APIVersion(1, 44) {
            // Deprecated from API 1.44, where the engine always refuses duplicates.
            body["CheckDuplicate"] = true
        }
        return .object(body)
    }

    /// `ipam` with each pool's `subnet`, `ip_range`, `gateway` and `aux_addresses`.
    static func ipamField(_ ipam: Node) -> JSONValue {
        var fields: [String: JSONValue] = [
            "Driver": .string(ipam.field("driver")?.scalarText ?? ""),
            "Options": ipam.field("options")?.stringDictionary.map(JSONValue.stringMap) ?? .null,
        ]
        let pools = (ipam.field("config")?.sequence ?? []).map { pool -> JSONValue in
            var entry: [String: JSONValue] = [:]
            for (field, key) in [("Subnet", "subnet"), ("IPRange", "ip_range"), ("Gateway", "gateway")] {
                if let text = pool.field(key)?.scalarText { entry[field] = .string(text) }
            }
            if let aux = pool.field("aux_addresses")?.stringDictionary { entry["AuxiliaryAddresses"] = .stringMap(aux) }
            return .object(entry)
        }
        fields["Config"] = .array(pools)
        return .object(fields)
    }
}

/// The body of `POST /volumes/create` for a top-level volume, as Docker Compose v2 sends it.
public enum VolumeSpec {
    /// `key` names a volume in the document's `volumes`; external volumes are not created and throw.
    public static func createBody(project: ProjectContext, key: String) throws(OrchestrationError) -> JSONValue {
        guard let definition = project.definition("volumes", key) else {
            throw OrchestrationError(.invalidValue, "volume \"\(key)\" is not defined in the top-level volumes")
        }
        if definition.field("external")?.boolValue == true {
            throw OrchestrationError(.unsupported, "volume \"\(key)\" is external: Pier uses it but does not create it")
        }
        var body: [String: JSONValue] = [
            "Name": .string(project.engineName("volumes", key)),
            "Labels": .stringMap(ComposeLabels.volume(project: project, key: key, definition: definition)),
        ]
        if let driver = definition.field("driver")?.scalarText { body["Driver"] = .string(driver) }
        if let options = definition.field("driver_opts")?.stringDictionary { body["DriverOpts"] = .stringMap(options) }
        return .object(body)
    }
}
