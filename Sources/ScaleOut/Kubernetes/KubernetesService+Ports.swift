import ComposeSpec

/// `ports` and `expose`: container ports, the Service other services reach them on, and a LoadBalancer Service for
/// the published ones (`mode: host` becomes a host port).
extension KubernetesService {
    mutating func ports(_ key: String, _ value: Node, path: String) {
        for (index, port) in (value.sequence ?? []).enumerated() {
            let itemPath = "\(path)[\(index)]"
            if key == "expose" {
                guard let text = port.scalarText, let range = Self.portRange(text), range.ports.count <= 100 else {
                    report.add(itemPath, "not a port or a range of at most 100 ports", node: port)
                    continue
                }
                for number in range.ports { addServicePort(number, range.proto) }
                continue
            }
            guard let target = port.field("target")?.int64Value.map({ Int($0) }) else { continue }
            let proto = (port.field("protocol")?.string ?? "tcp").uppercased()
            addServicePort(target, proto)
            for key in ["host_ip", "app_protocol", "name"] where port.field(key) != nil {
                report.add("\(itemPath).\(key)", "not carried over to the Service", node: port[key])
            }
            guard let publishedText = port.field("published")?.scalarText else { continue }
            guard let published = Self.portRange(publishedText)?.ports.first else {
                report.add("\(itemPath).published", "a range of published ports: one Service port each", node: port)
                continue
            }
            if port.field("mode")?.string == "host" {
                addContainerPort(target, proto, hostPort: published)
            } else {
                publishedPorts.append((published, target, proto))
            }
        }
    }

    private mutating func addServicePort(_ number: Int, _ proto: String) {
        guard !servicePorts.contains(where: { $0.port == number && $0.proto == proto }) else { return }
        servicePorts.append((number, proto))
        addContainerPort(number, proto, hostPort: nil)
    }

    private mutating func addContainerPort(_ number: Int, _ proto: String, hostPort: Int?) {
        var ports = container["ports"]?.sequence ?? []
        if let index = ports.firstIndex(where: {
            $0["containerPort"]?.int64Value == Int64(number) && $0["protocol"]?.string == proto
        }) {
            if let hostPort { ports[index].set("hostPort", .integer(hostPort)) }
        } else {
            ports.append(
                .object([
                    "containerPort": .integer(number), "hostPort": hostPort.map { Node.integer($0) },
                    "protocol": .text(proto),
                ]))
        }
        container["ports"] = .list(ports)
    }

    /// `3000`, `3000/udp`, `3000-3005`: the ports and protocol.
    static func portRange(_ text: String) -> (ports: ClosedRange<Int>, proto: String)? {
        let parts = text.split(separator: "/", maxSplits: 1)
        let proto = parts.count > 1 ? parts[1].uppercased() : "TCP"
        let bounds = parts.first.map { $0.split(separator: "-").compactMap { Int($0) } } ?? []
        guard let low = bounds.first, let high = bounds.last, bounds.count <= 2, low <= high, low > 0 else {
            return nil
        }
        return (low...high, proto)
    }

    /// The name of a Service port: a DNS label of at most 15 characters, unique in the Service.
    static func portName(_ port: Int, _ proto: String) -> String {
        "\(proto.lowercased())-\(port)"
    }
}
