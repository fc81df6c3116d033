/// Graphviz DOT: services as boxes, networks as ellipses, volumes as cylinders, ports as arrows in, secrets and
/// configs as notes; dependencies solid, resource uses dashed.
enum DOTRenderer {
    static func render(_ graph: ProjectGraph) -> String {
        var lines = ["digraph \(quoted(graph.project)) {"]
        lines.append("    rankdir=LR;")
        lines.append("    node [fontname=\"Helvetica\", fontsize=10];")
        lines.append("    edge [fontname=\"Helvetica\", fontsize=9];")
        for node in graph.nodes {
            let label = ([node.title] + node.attributeLines).map(escaped).joined(separator: "\\n")
            lines.append("    \(quoted(node.id)) [label=\"\(label)\", \(shape(node.kind))];")
        }
        for edge in graph.edges {
            let style = edge.isDependency ? "solid" : "dashed"
            lines.append(
                "    \(quoted(edge.from)) -> \(quoted(edge.to)) [label=\(quoted(edge.label)), style=\(style)];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func shape(_ kind: ProjectGraph.NodeKind) -> String {
        switch kind {
        case .service: "shape=box, style=rounded"
        case .network: "shape=ellipse"
        case .volume: "shape=cylinder"
        case .port: "shape=cds"
        case .secret, .config: "shape=note"
        }
    }

    static func quoted(_ text: String) -> String { "\"\(escaped(text))\"" }

    /// Escapes for a DOT double-quoted string: backslashes and quotes; a newline becomes `\n`.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }
}
