import DockerEngine

/// One sample of a container's resource use, computed from the engine's stats as the docker CLI computes it for
/// `docker stats`: CPU from the difference with the previous reading, memory without the page cache, network
/// and block I/O summed over interfaces and devices.
public struct ContainerStatsSample: Sendable, Hashable {
    /// The container's name, without the engine's leading slash.
    public var name = ""
    public var cpuPercent = 0.0
    /// Bytes in use, page cache excluded.
    public var memoryUsage = 0.0
    public var memoryLimit = 0.0
    public var memoryPercent = 0.0
    public var networkReceived = 0.0
    public var networkSent = 0.0
    public var blockRead = 0.0
    public var blockWritten = 0.0
    public var pids: Int64 = 0

    public init() {}

    public init(stats: JSONValue) {
        let rawName = stats["name"]?.stringValue ?? ""
        name = rawName.hasPrefix("/") ? String(rawName.dropFirst()) : rawName
        let cpu = stats["cpu_stats"]
        let previousCPU = stats["precpu_stats"]
        let cpuDelta =
            Self.number(cpu?["cpu_usage"]?["total_usage"]) - Self.number(previousCPU?["cpu_usage"]?["total_usage"])
        let systemDelta = Self.number(cpu?["system_cpu_usage"]) - Self.number(previousCPU?["system_cpu_usage"])
        var onlineCPUs = Self.number(cpu?["online_cpus"])
        if onlineCPUs == 0 { onlineCPUs = Double(cpu?["cpu_usage"]?["percpu_usage"]?.arrayValue?.count ?? 0) }
        if systemDelta > 0, cpuDelta > 0 { cpuPercent = cpuDelta / systemDelta * onlineCPUs * 100 }

        let memory = stats["memory_stats"]
        let usage = Self.number(memory?["usage"])
        // cgroup v1 reports the page cache as total_inactive_file, v2 as inactive_file.
        let cache = memory?["stats"]?["total_inactive_file"] ?? memory?["stats"]?["inactive_file"]
        let inactive = Self.number(cache)
        memoryUsage = cache != nil && inactive < usage ? usage - inactive : usage
        memoryLimit = Self.number(memory?["limit"])
        if memoryLimit != 0 { memoryPercent = memoryUsage / memoryLimit * 100 }

        for (_, network) in stats["networks"]?.objectValue ?? [:] {
            networkReceived += Self.number(network["rx_bytes"])
            networkSent += Self.number(network["tx_bytes"])
        }
        for entry in stats["blkio_stats"]?["io_service_bytes_recursive"]?.arrayValue ?? [] {
            switch entry["op"]?.stringValue?.lowercased() {
            case "read": blockRead += Self.number(entry["value"])
            case "write": blockWritten += Self.number(entry["value"])
            default: break
            }
        }
        pids = Int64(Self.number(stats["pids_stats"]?["current"]))
    }

    private static func number(_ value: JSONValue?) -> Double {
        switch value {
        case .number(let number)?: number
        case .integer(let integer)?: Double(integer)
        default: 0
        }
    }
}
