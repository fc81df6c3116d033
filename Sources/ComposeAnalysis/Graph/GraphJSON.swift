import Foundation

/// The graph as JSON: `project`, `nodes` and `edges`, keys sorted, two-space indentation.
enum GraphJSON {
    struct Document: Encodable {
        var project: String
        var nodes: [NodeEntry]
        var edges: [EdgeEntry]
    }

    struct NodeEntry: Encodable {
        var id: String
        var kind: String
        var name: String
        var attributes: [String: String]
        var location: String?
    }

    struct EdgeEntry: Encodable {
        var from: String
        var to: String
        var kind: String
        var attributes: [String: String]
        var location: String?
    }

    static func render(_ graph: ProjectGraph) -> String {
        let document = Document(
            project: graph.project,
            nodes: graph.nodes.map { node in
                NodeEntry(
                    id: node.id, kind: node.kind.rawValue, name: node.name,
                    attributes: dictionary(node.attributes), location: node.location?.description)
            },
            edges: graph.edges.map { edge in
                EdgeEntry(
                    from: edge.from, to: edge.to, kind: edge.kind.rawValue, attributes: dictionary(edge.attributes),
                    location: edge.location?.description)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func dictionary(_ attributes: [ProjectGraph.Attribute]) -> [String: String] {
        Dictionary(attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }
}
