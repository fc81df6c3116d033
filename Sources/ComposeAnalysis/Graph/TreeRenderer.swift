/// A tree for the terminal: each service with its facts and what it uses, then the project's resources.
///
///     project demo
///     ├── service web  image=nginx:1.27 replicas=1
///     │   ├── depends_on → db  service_healthy
///     │   └── port 8080/tcp → 80/tcp
enum TreeRenderer {
    static func render(_ graph: ProjectGraph) -> String {
        var lines = ["project \(graph.project)"]
        let roots = graph.nodes.filter { $0.kind != .port }
        for (index, node) in roots.enumerated() {
            let last = index == roots.count - 1
            lines.append((last ? "└── " : "├── ") + heading(node))
            let children = children(of: node, in: graph)
            for (childIndex, child) in children.enumerated() {
                let branch = childIndex == children.count - 1 ? "└── " : "├── "
                lines.append((last ? "    " : "│   ") + branch + child)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func heading(_ node: ProjectGraph.GraphNode) -> String {
        let facts = node.attributes.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        return "\(node.kind.rawValue) \(node.name)" + (facts.isEmpty ? "" : "  \(facts)")
    }

    /// A service's outgoing edges, and the ports that reach it.
    private static func children(of node: ProjectGraph.GraphNode, in graph: ProjectGraph) -> [String] {
        guard node.kind == .service else { return [] }
        var lines: [String] = []
        for edge in graph.edges(from: node.id) {
            let target = graph.node(edge.to)?.name ?? edge.to
            let details = edge.label.split(separator: " ").dropFirst().joined(separator: " ")
            lines.append("\(edge.kind.rawValue) → \(target)" + (details.isEmpty ? "" : "  \(details)"))
        }
        for edge in graph.edges where edge.to == node.id && edge.kind == .port {
            let port = graph.node(edge.from)?.name ?? edge.from
            lines.append("port \(port) → \(edge.attribute("target") ?? "")")
        }
        return lines
    }
}
