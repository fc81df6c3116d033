import Orchestration

/// The `PORTS` column, as the docker CLI's `DisplayablePorts` writes it: consecutive ports published on the same
/// address to the same port numbers grouped into ranges (`0.0.0.0:8000-8001->8000-8001/tcp`), exposed ports as
/// `80/tcp`, other mappings (`0.0.0.0:8080->80/tcp`) after them.
enum DisplayablePorts {
    static func text(_ ports: [PortBinding]) -> String {
        struct Group {
            var first: Int
            var last: Int
        }
        var groups: [String: Group] = [:]
        var keys: [String] = []
        var result: [String] = []
        var mappings: [String] = []
        for port in ports.sorted(by: ordered) {
            var key = port.type
            if !port.ip.isEmpty {
                if port.publicPort != port.privatePort {
                    mappings.append("\(hostPort(port.ip, String(port.publicPort)))->\(port.privatePort)/\(port.type)")
                    continue
                }
                key = port.ip + "/" + port.type
            }
            guard let group = groups[key] else {
                groups[key] = Group(first: port.privatePort, last: port.privatePort)
                keys.append(key)
                continue
            }
            if port.privatePort == group.last + 1 {
                groups[key]?.last = port.privatePort
                continue
            }
            result.append(format(key, group.first, group.last))
            groups[key] = Group(first: port.privatePort, last: port.privatePort)
        }
        for key in keys {
            if let group = groups[key] { result.append(format(key, group.first, group.last)) }
        }
        return (result + mappings).joined(separator: ", ")
    }

    /// By private port, then address, public port and protocol (addresses compared as text, as docker CLI 28).
    private static func ordered(_ left: PortBinding, _ right: PortBinding) -> Bool {
        if left.privatePort != right.privatePort { return left.privatePort < right.privatePort }
        if left.ip != right.ip { return left.ip < right.ip }
        if left.publicPort != right.publicPort { return left.publicPort < right.publicPort }
        return left.type < right.type
    }

    private static func format(_ key: String, _ first: Int, _ last: Int) -> String {
        // The key is `type` or `ip/type`; an IPv6 address has no slash, so the last one splits it.
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let type = parts.last ?? key
        let ip = parts.count > 1 ? parts.dropLast().joined(separator: "/") : ""
        var range = String(first)
        if first != last { range += "-\(last)" }
        if !ip.isEmpty { range = "\(hostPort(ip, range))->\(range)" }
        return range + "/" + type
    }

    /// Go's `net.JoinHostPort`: IPv6 addresses in brackets.
    private static func hostPort(_ host: String, _ port: String) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
