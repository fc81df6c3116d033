import ComposeSpec
import DockerEngine

/// Memory, CPU, process, block-I/O and ulimit settings. The `deploy.resources` forms fill what the service-level
/// keys leave unset (the loader already refuses two different values for the same limit).
extension ContainerSpec {
    func resourceFields() throws(OrchestrationError) -> [String: JSONValue] {
        var host: [String: JSONValue] = [:]
        let resources = service.field("deploy")?.field("resources")
        let limits = resources?.field("limits")
        let reservations = resources?.field("reservations")

        let bytes: [(String, String, Node?)] = [
            ("Memory", "mem_limit", limits?.field("memory")),
            ("MemoryReservation", "mem_reservation", reservations?.field("memory")),
            ("MemorySwap", "memswap_limit", nil),
            ("ShmSize", "shm_size", nil),
        ]
        for (field, key, fallback) in bytes {
            if let value = (service.field(key) ?? fallback)?.byteCount { host[field] = .int(value) }
        }
        let integers: [(String, String, Node?)] = [
            ("PidsLimit", "pids_limit", limits?.field("pids")),
            ("CpuShares", "cpu_shares", nil), ("CpuQuota", "cpu_quota", nil), ("CpuPeriod", "cpu_period", nil),
            ("CpuCount", "cpu_count", nil), ("CpuPercent", "cpu_percent", nil), ("OomScoreAdj", "oom_score_adj", nil),
            // Compose sends nothing for `mem_swappiness: 0`; Pier sends 0, which the engine honours (avoid swap).
            ("MemorySwappiness", "mem_swappiness", nil),
        ]
        for (field, key, fallback) in integers {
            if let value = (service.field(key) ?? fallback)?.int64Value { host[field] = .int(value) }
        }
        for (field, key) in [("CpuRealtimePeriod", "cpu_rt_period"), ("CpuRealtimeRuntime", "cpu_rt_runtime")] {
            guard let node = service.field(key) else { continue }
            // Microseconds: a plain number, or a duration.
            if let value = node.int64Value ?? node.nanoseconds.map({ $0 / 1000 }) { host[field] = .int(value) }
        }
        if let cpus = (service.field("cpus") ?? limits?.field("cpus"))?.doubleValue, cpus > 0 {
            host["NanoCpus"] = .int(Int64((cpus * 1e9).rounded()))
            if host["CpuQuota"] != nil || host["CpuPeriod"] != nil {
                // The engine refuses the pair ("Conflicting options: Nano CPUs and CPU Period cannot both be set").
                throw error(.conflict, "cpus cannot be combined with cpu_quota or cpu_period", at: "cpus")
            }
        }
        if let cpuset = service.field("cpuset")?.scalarText { host["CpusetCpus"] = .string(cpuset) }
        if let disable = service.field("oom_kill_disable")?.boolValue { host["OomKillDisable"] = .bool(disable) }
        if let blkio = service.field("blkio_config") { host.merge(Self.blkioFields(blkio)) { _, new in new } }
        if let ulimits = service.field("ulimits")?.mapping { host["Ulimits"] = .array(ulimits.map(Self.ulimit)) }
        host.merge(try deviceFields(reservations: reservations)) { _, new in new }
        return host
    }

    /// `weight`, `weight_device` and the four throttles, each device as `{Path, Weight}` or `{Path, Rate}`.
    static func blkioFields(_ blkio: Node) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [:]
        if let weight = blkio.field("weight")?.int64Value { fields["BlkioWeight"] = .int(weight) }
        let lists = [
            ("weight_device", "BlkioWeightDevice", "Weight"),
            ("device_read_bps", "BlkioDeviceReadBps", "Rate"), ("device_write_bps", "BlkioDeviceWriteBps", "Rate"),
            ("device_read_iops", "BlkioDeviceReadIOps", "Rate"), ("device_write_iops", "BlkioDeviceWriteIOps", "Rate"),
        ]
        for (key, field, valueField) in lists {
            guard let devices = blkio.field(key)?.sequence else { continue }
            fields[field] = .array(
                devices.map { device in
                    // The JSON form of the canonical document capitalizes these keys; accept both spellings.
                    let path = (device.field("path") ?? device.field("Path"))?.scalarText ?? ""
                    let value = device.field(valueField.lowercased()) ?? device.field(valueField)
                    return .object(["Path": .string(path), valueField: .int(value?.byteCount ?? 0)])
                })
        }
        return fields
    }

    /// `nofile: 1024` (both bounds) or `nofile: {soft: 1024, hard: 2048}`.
    static func ulimit(name: String, limit: Node) -> JSONValue {
        let soft = limit.int64Value ?? limit.field("soft")?.int64Value ?? 0
        let hard = limit.int64Value ?? limit.field("hard")?.int64Value ?? 0
        return .object(["Name": .string(name), "Soft": .int(soft), "Hard": .int(hard)])
    }
}
