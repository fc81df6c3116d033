import ComposeSpec

/// A project as a graph: its services, networks, volumes, published ports, secrets and configs as nodes, and what
/// ties them as edges. Nodes and edges are sorted, so that every rendering of the same project is the same bytes.
public struct ProjectGraph: Sendable {
    public enum NodeKind: String, Sendable, CaseIterable, Codable {
        case service, network, volume, port, secret, config
    }

    public enum EdgeKind: String, Sendable, Codable {
        case dependsOn = "depends_on"
        case links
        case volumesFrom = "volumes_from"
        case networkMode = "network_mode"
        case ipc, pid
        case network, volume, port, secret, config
    }

    public struct GraphNode: Sendable, Hashable {
        /// `kind:name`, unique in the graph.
        public var id: String
        public var kind: NodeKind
        public var name: String
        /// Facts to show, in display order (`image`, `replicas`, `health`…).
        public var attributes: [Attribute]
        public var location: SourceLocation?
    }

    public struct GraphEdge: Sendable, Hashable {
        public var from: String
        public var to: String
        public var kind: EdgeKind
        public var attributes: [Attribute]
        public var location: SourceLocation?
    }

    public struct Attribute: Sendable, Hashable {
        public var key: String
        public var value: String

        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    public var project: String
    public private(set) var nodes: [GraphNode]
    public private(set) var edges: [GraphEdge]

    init(project: String, nodes: [GraphNode], edges: [GraphEdge]) {
        self.project = project
        let kindOrder = Dictionary(uniqueKeysWithValues: NodeKind.allCases.enumerated().map { ($1, $0) })
        // A port two services publish is one node with two edges.
        var seen = Set<String>()
        let unique = nodes.filter { seen.insert($0.id).inserted }
        self.nodes = unique.sorted { ((kindOrder[$0.kind] ?? 0), $0.name) < ((kindOrder[$1.kind] ?? 0), $1.name) }
        self.edges = edges.sorted { left, right in
            (left.from, left.kind.rawValue, left.to) < (right.from, right.kind.rawValue, right.to)
        }
    }

    public func node(_ id: String) -> GraphNode? { nodes.first { $0.id == id } }

    /// The edges leaving `id`, in order.
    public func edges(from id: String) -> [GraphEdge] { edges.filter { $0.from == id } }

    /// Adds facts to service nodes (the engine's view for `--live`): `extra[service]` is appended to its attributes.
    public mutating func annotateServices(_ extra: [String: [Attribute]]) {
        for index in nodes.indices where nodes[index].kind == .service {
            nodes[index].attributes += extra[nodes[index].name] ?? []
        }
    }

    static func id(_ kind: NodeKind, _ name: String) -> String { "\(kind.rawValue):\(name)" }
}

extension ProjectGraph.GraphEdge {
    public func attribute(_ key: String) -> String? { attributes.first { $0.key == key }?.value }
}
