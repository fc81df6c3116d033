/// A Mermaid flowchart, left to right: services as rounded boxes, networks as stadiums, volumes as cylinders,
/// ports as flags, secrets and configs as parallelograms; dependencies solid, resource uses dotted.
enum MermaidRenderer {
    static func render(_ graph: ProjectGraph) -> String {
        let ids = identifiers(for: graph.nodes)
        var lines = ["flowchart LR"]
        for node in graph.nodes {
            let label = ([node.title] + node.attributeLines).map(escaped).joined(separator: "<br/>")
            let (open, close) = brackets(node.kind)
            lines.append("    \(ids[node.id]!)\(open)\"\(label)\"\(close)")
        }
        for edge in graph.edges {
            guard let from = ids[edge.from], let to = ids[edge.to] else { continue }
            let arrow = edge.isDependency ? "-->" : "-.->"
            lines.append("    \(from) \(arrow)|\"\(escaped(edge.label))\"| \(to)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Mermaid identifiers: the node id with anything but letters, digits and `_` replaced, numbered on clashes.
    private static func identifiers(for nodes: [ProjectGraph.GraphNode]) -> [String: String] {
        var result: [String: String] = [:]
        var used = Set<String>()
        for node in nodes {
            let base = String(node.id.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
            var candidate = base
            var number = 2
            while !used.insert(candidate).inserted {
                candidate = "\(base)_\(number)"
                number += 1
            }
            result[node.id] = candidate
        }
        return result
    }

    private static func brackets(_ kind: ProjectGraph.NodeKind) -> (String, String) {
        switch kind {
        case .service: ("(", ")")
        case .network: ("([", "])")
        case .volume: ("[(", ")]")
        case .port: (">", "]")
        case .secret, .config: ("[/", "/]")
        }
    }

    /// Mermaid labels are quoted strings with HTML entities: quotes and angle brackets become entities.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\"": result += "#quot;"
            case "<": result += "#lt;"
            case ">": result += "#gt;"
            default: result.append(character)
            }
        }
        return result
    }
}
