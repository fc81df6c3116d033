import ComposeSpec
import DockerEngine

/// Devices: host device paths (`devices`), cgroup rules, and device requests, which Compose builds from
/// `deploy.resources.reservations.devices`, then CDI names in `devices`, then `gpus`, in that order.
extension ContainerSpec {
    func deviceFields(reservations: Node?) throws(OrchestrationError) -> [String: JSONValue] {
        var host: [String: JSONValue] = [:]
        var mappings: [JSONValue] = []
        var cdiRequests: [JSONValue] = []
        for device in service.field("devices")?.sequence ?? [] {
            let source = device.field("source")?.scalarText ?? device.scalarText ?? ""
            if Self.isCDIName(source) {
                cdiRequests.append(Self.deviceRequest(driver: "cdi", count: 0, ids: [source]))
                continue
            }
            let parsed = device.mapping == nil ? Self.shortDevice(source) : nil
            mappings.append(
                .object([
                    "PathOnHost": .string(parsed?.host ?? source),
                    "PathInContainer": .string(parsed?.container ?? device.field("target")?.scalarText ?? source),
                    "CgroupPermissions": .string(
                        parsed?.permissions ?? device.field("permissions")?.scalarText ?? "rwm"),
                ]))
        }
        if !mappings.isEmpty { host["Devices"] = .array(mappings) }
        if let rules = service.field("device_cgroup_rules")?.stringList { host["DeviceCgroupRules"] = .strings(rules) }

        var requests = (reservations?.field("devices")?.sequence ?? []).map(Self.deviceRequest(from:))
        requests += cdiRequests
        requests += (service.field("gpus")?.sequence ?? []).map { gpu in
            var request = Self.deviceRequest(from: gpu)
            // `gpus` always asks for the gpu capability.
            if case .object(var fields) = request, fields["Capabilities"] == .null {
                fields["Capabilities"] = .array([.strings(["gpu"])])
                request = .object(fields)
            }
            return request
        }
        if !requests.isEmpty { host["DeviceRequests"] = .array(requests) }
        return host
    }

    /// A CDI device name (`vendor.com/class=name`): the engine resolves it through a CDI device request.
    static func isCDIName(_ source: String) -> Bool {
        guard !source.hasPrefix("/"), let slash = source.firstIndex(of: "/"), let equals = source.firstIndex(of: "=")
        else { return false }
        return slash < equals
    }

    /// `host[:container[:permissions]]`.
    static func shortDevice(_ text: String) -> (host: String, container: String, permissions: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let host = parts[0]
        let container = parts.count > 1 ? parts[1] : host
        return (host, container, parts.count > 2 ? parts[2] : "rwm")
    }

    /// One device request: `count` `all` is -1; capabilities form one AND-group, as Compose sends them.
    static func deviceRequest(from device: Node) -> JSONValue {
        let count: Int64 = device.field("count").map { $0.scalarText == "all" ? -1 : $0.int64Value ?? 0 } ?? 0
        var request = deviceRequest(
            driver: device.field("driver")?.scalarText ?? "", count: count, ids: device.field("device_ids")?.stringList)
        if case .object(var fields) = request {
            if let capabilities = device.field("capabilities")?.stringList {
                fields["Capabilities"] = .array([.strings(capabilities)])
            }
            fields["Options"] = device.field("options")?.stringDictionary.map(JSONValue.stringMap) ?? .null
            request = .object(fields)
        }
        return request
    }

    static func deviceRequest(driver: String, count: Int64, ids: [String]?) -> JSONValue {
        .object([
            "Driver": .string(driver), "Count": .int(count), "DeviceIDs": ids.map(JSONValue.strings) ?? .null,
            "Capabilities": .null, "Options": .null,
        ])
    }
}
