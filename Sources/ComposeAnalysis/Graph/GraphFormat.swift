/// The ways `pier graph` draws a project.
public enum GraphFormat: String, Sendable, CaseIterable {
    case dot, mermaid, json, tree

    /// The graph in this format, ending with a newline.
    public func render(_ graph: ProjectGraph) -> String {
        switch self {
        case .dot: DOTRenderer.render(graph)
        case .mermaid: MermaidRenderer.render(graph)
        case .json: GraphJSON.render(graph)
        case .tree: TreeRenderer.render(graph)
        }
    }
}

extension ProjectGraph.GraphNode {
    /// The node's title: its kind and name, but a bare name for services.
    var title: String { kind == .service ? name : "\(kind.rawValue) \(name)" }

    /// `key: value` lines, as labels show them.
    var attributeLines: [String] { attributes.map { "\($0.key): \($0.value)" } }
}

extension ProjectGraph.GraphEdge {
    /// What an edge label says: the kind, then the values that matter (`depends_on service_healthy`).
    var label: String {
        var words = [kind.rawValue]
        for attribute in attributes {
            switch attribute.key {
            case "condition": words.append(attribute.value)
            case "required" where attribute.value == "false": words.append("optional")
            case "required": break
            case "restart": words.append("restart")
            default: words.append("\(attribute.key)=\(attribute.value)")
            }
        }
        return words.joined(separator: " ")
    }

    /// Whether the edge is a start-order dependency (drawn solid) rather than a resource use (dashed).
    var isDependency: Bool {
        switch kind {
        case .dependsOn, .links, .volumesFrom, .networkMode, .ipc, .pid: true
        case .network, .volume, .port, .secret, .config: false
        }
    }
}
