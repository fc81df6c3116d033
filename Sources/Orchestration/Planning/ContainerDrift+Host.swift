import ComposeSpec
import DockerEngine

/// `HostConfig` and the networks: published ports and mounts by the service's entries (`ports[0]`, `volumes[1]`),
/// the other host fields by the attribute that sets them.
extension ContainerDrift {
    /// The attribute each host field comes from; the first the service sets names it (`mem_limit` or
    /// `deploy.resources.limits.memory`).
    static let hostInputs: [String: [String]] = [
        "RestartPolicy": ["restart", "deploy.restart_policy"], "CapAdd": ["cap_add"], "CapDrop": ["cap_drop"],
        "Privileged": ["privileged"], "ReadonlyRootfs": ["read_only"], "Init": ["init"],
        "SecurityOpt": ["security_opt"], "Sysctls": ["sysctls"], "IpcMode": ["ipc"], "PidMode": ["pid"],
        "UTSMode": ["uts"], "UsernsMode": ["userns_mode"], "CgroupnsMode": ["cgroup"],
        "CgroupParent": ["cgroup_parent"], "Isolation": ["isolation"], "Runtime": ["runtime"],
        "GroupAdd": ["group_add"], "Dns": ["dns"], "DnsSearch": ["dns_search"], "DnsOptions": ["dns_opt"],
        "ExtraHosts": ["extra_hosts"], "LogConfig": ["logging"], "StorageOpt": ["storage_opt"],
        "Annotations": ["annotations"], "Memory": ["mem_limit", "deploy.resources.limits.memory"],
        "MemoryReservation": ["mem_reservation", "deploy.resources.reservations.memory"],
        "MemorySwap": ["memswap_limit"], "MemorySwappiness": ["mem_swappiness"],
        "NanoCpus": ["cpus", "deploy.resources.limits.cpus"], "CpuShares": ["cpu_shares"],
        "CpuQuota": ["cpu_quota"], "CpuPeriod": ["cpu_period"], "CpusetCpus": ["cpuset"],
        "OomKillDisable": ["oom_kill_disable"], "OomScoreAdj": ["oom_score_adj"],
        "PidsLimit": ["pids_limit", "deploy.resources.limits.pids"], "ShmSize": ["shm_size"],
        "Ulimits": ["ulimits"], "Devices": ["devices"], "DeviceCgroupRules": ["device_cgroup_rules"],
        "DeviceRequests": ["gpus", "deploy.resources.reservations.devices"], "Links": ["links", "external_links"],
        "VolumesFrom": ["volumes_from"], "Tmpfs": ["tmpfs"], "NetworkMode": ["network_mode"],
    ]

    /// Fields whose absence from the create body means empty: set on the container, they were removed since.
    static let removableHostFields = [
        "CapAdd", "CapDrop", "Privileged", "ReadonlyRootfs", "Init", "SecurityOpt", "Sysctls", "GroupAdd", "Dns",
        "DnsSearch", "DnsOptions", "ExtraHosts", "Devices", "Links", "VolumesFrom", "Tmpfs", "Ulimits",
    ]

    func hostChanges(_ desired: JSONValue, _ observed: JSONValue) -> [PlanReason] {
        var reasons = portChanges(desired["PortBindings"], observed["PortBindings"])
        reasons += mountChanges(desired, observed)
        let handled: Set<String> = ["PortBindings", "Binds", "Mounts"]
        var fields = Set(desired.objectValue?.keys ?? [:].keys).subtracting(handled)
        fields.formUnion(Self.removableHostFields.filter { observed[$0] != nil })
        // Without `network_mode`, the mode is the first network: a change there is a change of `networks`.
        if service["network_mode"] == nil { fields.remove("NetworkMode") }
        for field in fields.sorted() where !(desired[field] ?? .null).isEquivalent(to: observed[field] ?? .null) {
            let candidates = Self.hostInputs[field] ?? [field]
            let input = candidates.first { path(in: $0) != nil } ?? candidates[0]
            reasons.append(reason(input, detail: desired[field] == nil ? "removed" : nil))
        }
        return reasons
    }

    /// `ports[i]` for each entry whose bindings differ; a port published before and no longer, by its key.
    private func portChanges(_ desired: JSONValue?, _ observed: JSONValue?) -> [PlanReason] {
        let desired = desired?.objectValue ?? [:]
        let observed = observed?.objectValue ?? [:]
        let entries = service["ports"]?.sequence ?? []
        return Set(desired.keys).union(observed.keys).sorted().flatMap { key -> [PlanReason] in
            guard !(desired[key] ?? .null).isEquivalent(to: observed[key] ?? .null) else { return [] }
            let indices = entries.indices.filter { index in
                let entry = entries[index]
                let target = entry.field("target")?.scalarText ?? ""
                return "\(target)/\(entry.field("protocol")?.scalarText ?? "tcp")" == key
            }
            guard !indices.isEmpty else {
                return [PlanReason("ports", "\(key) removed", at: service["ports"]?.location ?? service.location)]
            }
            return indices.map { PlanReason("ports[\($0)]", at: entries[$0].location) }
        }
    }

    /// `volumes[i]` for each entry whose mount differs, by target; a mount the service no longer has, by its target.
    private func mountChanges(_ desired: JSONValue, _ observed: JSONValue) -> [PlanReason] {
        let wanted = Self.mountsByTarget(desired)
        let present = Self.mountsByTarget(observed)
        let entries = service["volumes"]?.sequence ?? []
        return Set(wanted.keys).union(present.keys).sorted().compactMap { target -> PlanReason? in
            guard !(wanted[target] ?? .null).isEquivalent(to: present[target] ?? .null) else { return nil }
            guard let index = entries.firstIndex(where: { $0.field("target")?.scalarText == target }) else {
                return PlanReason("volumes", "\(target) removed", at: service["volumes"]?.location ?? service.location)
            }
            return PlanReason("volumes[\(index)]", at: entries[index].location)
        }
    }

    /// A host config's `Binds` (`source:target:mode`) and `Mounts` by target.
    static func mountsByTarget(_ hostConfig: JSONValue) -> [String: JSONValue] {
        var mounts: [String: JSONValue] = [:]
        for bind in hostConfig["Binds"]?.arrayValue ?? [] {
            guard let text = bind.stringValue else { continue }
            let parts = text.split(separator: ":").map(String.init)
            if parts.count >= 2 { mounts[parts[1]] = bind }
        }
        for mount in hostConfig["Mounts"]?.arrayValue ?? [] {
            if let target = mount["Target"]?.stringValue { mounts[target] = mount }
        }
        return mounts
    }

    /// `networks.KEY` for each network the container should join and has not, or is on and should not be.
    func networkChanges(_ desired: Set<String>, _ observed: Set<String>) -> [PlanReason] {
        let keys = (project.document["networks"]?.mapping ?? [:]).keys
        func key(of name: String) -> String {
            keys.first { project.engineName("networks", $0) == name } ?? name
        }
        let added = desired.subtracting(observed).sorted().map { reason("networks", key(of: $0), detail: "added") }
        let removed = observed.subtracting(desired).sorted().map { reason("networks", key(of: $0)) }
        return added + removed
    }

    /// The node at a dotted path of the service (`deploy.resources.limits.memory`).
    func path(in dotted: String) -> Node? {
        dotted.split(separator: ".").reduce(Optional(service)) { node, part in node?[String(part)] }
    }
}

extension JSONValue {
    /// Equal as the engine means it: numbers by value, and absent, null, empty and zero values alike (the engine
    /// reports defaults where the request left a field out).
    func isEquivalent(to other: JSONValue) -> Bool {
        if isEmptyValue && other.isEmptyValue { return true }
        switch (self, other) {
        case (.object(let left), .object(let right)):
            return Set(left.keys).union(right.keys).allSatisfy {
                (left[$0] ?? .null).isEquivalent(to: right[$0] ?? .null)
            }
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.isEquivalent(to: $1) }
        case (.integer(let left), .number(let right)), (.number(let right), .integer(let left)):
            return Double(left) == right
        default:
            return self == other
        }
    }

    private var isEmptyValue: Bool {
        switch self {
        case .null: return true
        case .bool(let flag): return !flag
        case .integer(let number): return number == 0
        case .number(let number): return number == 0
        case .string(let text): return text.isEmpty
        case .array(let items): return items.isEmpty
        case .object(let members): return members.isEmpty
        }
    }
}
