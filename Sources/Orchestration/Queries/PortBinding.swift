import DockerEngine

/// A port of a listed container: published on `ip:publicPort` when `ip` is not empty, else only exposed.
public struct PortBinding: Sendable, Hashable {
    public var ip: String
    public var privatePort: Int
    public var publicPort: Int
    /// `tcp`, `udp` or `sctp`.
    public var type: String

    public init(ip: String = "", privatePort: Int, publicPort: Int = 0, type: String = "tcp") {
        self.ip = ip
        self.privatePort = privatePort
        self.publicPort = publicPort
        self.type = type
    }

    /// The `Ports` array of `GET /containers/json`, in the engine's order.
    public static func list(from ports: JSONValue) -> [PortBinding] {
        (ports.arrayValue ?? []).map { entry in
            PortBinding(
                ip: entry["IP"]?.stringValue ?? "", privatePort: entry["PrivatePort"]?.portNumber ?? 0,
                publicPort: entry["PublicPort"]?.portNumber ?? 0, type: entry["Type"]?.stringValue ?? "tcp")
        }
    }

    /// Sorted by private port only, keeping the engine's order otherwise, as `ps` lists its publishers.
    public static func publishersOrder(_ ports: [PortBinding]) -> [PortBinding] {
        ports.enumerated().sorted { left, right in
            left.element.privatePort != right.element.privatePort
                ? left.element.privatePort < right.element.privatePort : left.offset < right.offset
        }.map(\.element)
    }
}

/// `port SERVICE PRIVATE_PORT`: where a container publishes one of its ports.
public enum PortLookup {
    /// The first binding of `privatePort`/`type`, in the engine's order, as `ip` and public port; the error
    /// lists what the container has, as Docker Compose words it.
    public static func find(
        _ privatePort: Int, type: String, in container: ContainerSummary
    ) throws(OrchestrationError) -> (ip: String, port: Int) {
        let bindings = container.portBindings
        if let match = bindings.first(where: { $0.privatePort == privatePort && $0.type == type }) {
            return (match.ip, match.publicPort)
        }
        // Compose lists each binding by its public port (sic), so unpublished ports read `0/tcp`.
        let available = bindings.map { "\($0.publicPort)/\($0.type)" }.joined(separator: ", ")
        let name = container.names.first.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } ?? container.id
        throw OrchestrationError(.notFound, "no port \(privatePort)/\(type) for container \(name): \(available)")
    }
}

extension JSONValue {
    /// A port number, whether the JSON had `80` or `80.0`.
    fileprivate var portNumber: Int? {
        switch self {
        case .integer(let value): Int(value)
        case .number(let value): Int(value)
        default: nil
        }
    }
}
