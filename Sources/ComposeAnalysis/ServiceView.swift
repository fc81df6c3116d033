import ComposeSpec

/// A service of the canonical project (what `pier config` prints), read the way the analyses need it. A view over
/// the tree: every value keeps where it was written.
public struct ServiceView: Sendable {
    public let name: String
    public let node: Node

    public init(name: String, node: Node) {
        self.name = name
        self.node = node
    }

    /// The services of a loaded project's canonical document, sorted by name.
    public static func all(in document: Node) -> [ServiceView] {
        (document["services"]?.mapping ?? [:]).map { ServiceView(name: $0.key, node: $0.value) }
            .sorted { $0.name < $1.name }
    }

    /// The value under `key`, unless absent or null.
    public func field(_ key: String) -> Node? {
        guard let value = node[key], !value.isNull else { return nil }
        return value
    }

    public var image: String? { field("image")?.scalarText }

    public var build: Node? { field("build") }

    /// `deploy.replicas`, else `scale`, else 1.
    public var replicas: Int {
        for value in [node["deploy"]?["replicas"], node["scale"]] {
            if let text = value?.scalarText, let count = Int(text) { return count }
        }
        return 1
    }

    public var profiles: [String] { field("profiles")?.sequence?.compactMap(\.scalarText) ?? [] }

    /// The health check as written, unless disabled (`disable: true` or a `NONE` test).
    public var healthcheck: Node? {
        guard let check = field("healthcheck") else { return nil }
        if case .bool(true) = check["disable"]?.value { return nil }
        guard let test = check["test"]?.sequence, let first = test.first?.scalarText, first != "NONE" else {
            return nil
        }
        return check
    }

    /// Whether the health check is turned off explicitly.
    public var disablesHealthcheck: Bool {
        guard let check = field("healthcheck") else { return false }
        if case .bool(true) = check["disable"]?.value { return true }
        return check["test"]?.sequence?.first?.scalarText == "NONE"
    }

    public var ports: [Node] { field("ports")?.sequence ?? [] }

    public var volumes: [Node] { field("volumes")?.sequence ?? [] }

    /// `depends_on` in canonical form: name → `{condition, required, restart}`.
    public var dependsOn: Node.Mapping { field("depends_on")?.mapping ?? [:] }

    /// The networks the service joins (none with a `network_mode`), sorted.
    public var networks: [String] { (field("networks")?.mapping.map { Array($0.keys) } ?? []).sorted() }

    /// The items of a list attribute (`secrets`, `configs`, `links`…).
    public func list(_ key: String) -> [Node] { field(key)?.sequence ?? [] }
}

extension Node {
    /// Whether the node is the boolean `true`, or a string Compose reads as true.
    var isTrue: Bool {
        switch value {
        case .bool(let flag): return flag
        case .string(let text): return ["true", "yes", "on", "1"].contains(text.lowercased())
        default: return false
        }
    }
}
