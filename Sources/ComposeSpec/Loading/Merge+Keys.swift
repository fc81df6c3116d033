/// What identifies a port, a volume or a device when duplicates are dropped. Only the identity is read here;
/// the normalizer parses these values fully (and reports what is malformed).
extension Merge {
    /// A port is identified by host IP (none = `0.0.0.0`), published port, target port and protocol (none =
    /// `tcp`). The reference compares the published port as written: `"80"` (also from a short port) and `80`
    /// differ. A short port with a target range counts as one port per target, written out separately.
    static func portEntries(_ item: Node, at path: String) throws(ComposeError) -> [(String, Node)] {
        switch item.value {
        case .mapping:
            guard let target = item["target"] else {
                throw ComposeError(.invalidValue, "service ports \(path) is missing a target port", at: item.location)
            }
            let published: String
            switch item["published"]?.value {
            case nil, .null?: published = "-"
            case .string(let text)?: published = "s" + text
            case .int(let number)?: published = "i\(number)"
            case let other?: published = "o" + (Node(other).scalarText ?? "")
            }
            let targetText = target.scalarText.map { text in Int(text).map(String.init) ?? text } ?? ""
            let key = portKey(
                host: item["host_ip"]?.scalarText ?? "0.0.0.0", published: published, target: targetText,
                protocol: item["protocol"]?.scalarText ?? "tcp")
            return [(key, item)]
        case .int(let number):
            return [(portKey(host: "0.0.0.0", published: "-", target: String(number), protocol: "tcp"), item)]
        default:
            guard let spec = item.scalarText, let ports = ShortPort.expand(spec) else {
                return [("raw " + (item.scalarText ?? ""), item)]
            }
            return ports.map { port in
                let key = portKey(
                    host: port.host.isEmpty ? "0.0.0.0" : port.host, published: port.published.map { "s" + $0 } ?? "-",
                    target: String(port.target), protocol: port.protocol)
                return (key, ports.count == 1 ? item : Node.string(port.text, at: item.location))
            }
        }
    }

    private static func portKey(host: String, published: String, target: String, protocol: String) -> String {
        "\(host)|\(published)|\(target)|\(`protocol`)"
    }

    /// One port of a short port spec (`[host:][published:]target[/protocol]`).
    struct ShortPort {
        var host: String
        var published: String?
        var target: Int
        var `protocol`: String
        /// The port written back as a short spec (used when a range was split).
        var text: String

        /// The ports a short spec stands for, or nil when it is malformed.
        static func expand(_ spec: String) -> [ShortPort]? {
            var rest = Substring(spec)
            var protocolSuffix = ""
            if let slash = rest.lastIndex(of: "/") {
                protocolSuffix = String(rest[slash...])
                rest = rest[..<slash]
            }
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            var host = parts.count >= 3 ? parts[..<(parts.count - 2)].joined(separator: ":") : ""
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            let publishedText = parts.count >= 2 ? parts[parts.count - 2] : ""
            let published = publishedText.isEmpty ? nil : publishedText
            guard let targets = range(parts[parts.count - 1]) else { return nil }
            let protocolName = protocolSuffix.isEmpty ? "tcp" : String(protocolSuffix.dropFirst())

            func port(_ published: String?, _ target: Int) -> ShortPort {
                var text = ""
                if !host.isEmpty {
                    text = (host.contains(":") ? "[\(host)]" : host) + ":" + (published ?? "") + ":"
                } else if let published {
                    text = published + ":"
                }
                text += String(target) + protocolSuffix
                return ShortPort(host: host, published: published, target: target, protocol: protocolName, text: text)
            }
            if targets.count == 1 {
                return [port(published, targets.lowerBound)]
            }
            guard let published else { return targets.map { port(nil, $0) } }
            guard let hosts = range(published), hosts.count == targets.count else { return nil }
            return zip(hosts, targets).map { port(String($0), $1) }
        }

        /// `80` or `8000-8010`, each port at most 65535: a range is checked before anything expands it.
        private static func range(_ text: String) -> ClosedRange<Int>? {
            let bounds = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard let low = bounds.first ?? nil, bounds.count <= 2 else { return nil }
            let high = bounds.count == 2 ? bounds[1] : low
            guard let high, 0 <= low, low <= high, high <= 65535 else { return nil }
            return low...high
        }
    }

    /// The container path of a short volume (`source:target[:mode]` or `target`), cleaned as a path. A one-letter
    /// part followed by a path is a Windows drive (`c:/data`), not a separator.
    static func volumeTarget(_ spec: String) -> String {
        let pieces = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var parts: [String] = []
        var index = 0
        while index < pieces.count {
            let piece = pieces[index]
            if piece.count == 1, piece.first!.isASCII, piece.first!.isLetter, index + 1 < pieces.count,
                pieces[index + 1].hasPrefix("/") || pieces[index + 1].hasPrefix("\\")
            {
                parts.append(piece + ":" + pieces[index + 1])
                index += 2
            } else {
                parts.append(piece)
                index += 1
            }
        }
        return cleanPath(parts.count >= 2 ? parts[1] : parts[0])
    }

    /// The container path of a short device (`source[:target[:permissions]]`).
    static func deviceTarget(_ spec: String) -> String {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false)
        return (2...3).contains(parts.count) ? String(parts[1]) : spec
    }

    /// A slash-separated path with `.`, `..` and repeated or trailing slashes resolved lexically.
    static func cleanPath(_ path: String) -> String {
        let rooted = path.hasPrefix("/")
        var kept: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." {
                if let last = kept.last, last != ".." {
                    kept.removeLast()
                } else if !rooted {
                    kept.append(part)
                }
            } else {
                kept.append(part)
            }
        }
        let joined = kept.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
