/// Port publishing: `[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` with ranges, IPv6 host addresses in brackets,
/// or the long syntax. Everything becomes the long syntax, one entry per container port.
enum Ports {
    static func normalize(_ node: Node) throws(ComposeError) -> Node {
        guard let items = node.sequence else { return node }
        var result: [Node] = []
        for item in items {
            switch item.value {
            case .mapping: result.append(long(item))
            case .int, .string:
                for port in try short(item.scalarText ?? "", at: item.location) {
                    result.append(Node(.mapping(port), at: item.location))
                }
            default: result.append(item)
            }
        }
        return node.with(.sequence(result))
    }

    private static func long(_ item: Node) -> Node {
        var port = item
        if port["mode"] == nil { port["mode"] = .string("ingress") }
        if port["protocol"] == nil { port["protocol"] = .string("tcp") }
        if let published = item["published"], published.scalarText != nil {
            port["published"] = published.with(.string(published.scalarText!))
        }
        if let target = item["target"], case .string(let text) = target.value, let number = Int(text) {
            port["target"] = target.with(.int(number))
        }
        return port
    }

    static func short(_ spec: String, at location: SourceLocation?) throws(ComposeError) -> [Node.Mapping] {
        func invalid(_ reason: String) -> ComposeError {
            ComposeError(.invalidValue, "invalid port \"\(spec)\": \(reason)", at: location)
        }
        var rest = Substring(spec)
        var proto = "tcp"
        if let slash = rest.lastIndex(of: "/") {
            proto = String(rest[rest.index(after: slash)...])
            rest = rest[..<slash]
            guard ["tcp", "udp", "sctp"].contains(proto.lowercased()) else { throw invalid("invalid proto: \(proto)") }
        }
        var hostIP: String?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid("unclosed IPv6 address") }
            hostIP = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            guard rest.hasPrefix(":") else { throw invalid("expected a port after the address") }
            rest = rest.dropFirst()
        }
        var parts = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if hostIP == nil, parts.count == 3 {
            hostIP = parts.removeFirst()
        } else if parts.count > (hostIP == nil ? 3 : 2) {
            throw invalid("too many colons")
        }
        let containerText = parts.removeLast()
        let hostText = parts.last ?? ""
        guard let container = range(containerText) else { throw invalid("invalid containerPort: \(containerText)") }
        var host: ClosedRange<Int>?
        if !hostText.isEmpty {
            guard let parsed = range(hostText) else { throw invalid("invalid hostPort: \(hostText)") }
            host = parsed
        }
        if let host, host.count != container.count, container.count != 1 {
            throw invalid("invalid ranges specified for container and host Ports: \(containerText) and \(hostText)")
        }
        var ports: [Node.Mapping] = []
        for (offset, target) in container.enumerated() {
            var port = Node.Mapping()
            port["mode"] = .string("ingress")
            if let hostIP, !hostIP.isEmpty { port["host_ip"] = .string(hostIP) }
            port["target"] = Node(.int(target))
            if let host {
                if container.count == 1, host.count > 1 {
                    port["published"] = .string("\(host.lowerBound)-\(host.upperBound)")
                } else {
                    port["published"] = .string(String(host.lowerBound + offset))
                }
            }
            port["protocol"] = .string(proto.lowercased())
            ports.append(port)
        }
        return ports
    }

    /// `80` or `8000-8010`.
    private static func range(_ text: String) -> ClosedRange<Int>? {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(bounds.count), let low = Int(bounds[0]), (0...65535).contains(low) else { return nil }
        guard bounds.count == 2 else { return low...low }
        guard let high = Int(bounds[1]), high >= low, high <= 65535 else { return nil }
        return low...high
    }
}
