import Yams

/// Turns the nodes Yams composed into compose nodes. Yams hands an alias over as the very node it names, so a
/// document of aliases of aliases ("billion laughs") is small in Yams but exponential once copied: each anchored
/// node is converted once and its copies counted, and past `LoaderLimits.aliasNodes` the file is refused.
struct Converter {
    let file: String
    /// Nodes written in the file so far, and nodes that aliases added.
    private var writtenNodes = 0
    private var aliasNodes = 0
    /// Each anchored node once converted, with its size in nodes (aliases inside it included).
    private var anchored: [ObjectIdentifier: (node: Node, size: Int)] = [:]

    init(file: String) {
        self.file = file
    }

    mutating func convert(_ yams: Yams.Node) throws -> Node {
        guard let anchor = yams.anchor else { return try convertNew(yams) }
        if let (node, size) = anchored[ObjectIdentifier(anchor)] {
            aliasNodes += size
            if aliasNodes > max(LoaderLimits.aliasNodes, 10 * writtenNodes) {
                throw ComposeError(
                    .invalidValue,
                    LoaderLimits.exceeded(
                        "aliases of anchor &\(anchor.rawValue) and others expand this file by more than "
                            + "\(max(LoaderLimits.aliasNodes, 10 * writtenNodes)) nodes"),
                    at: node.location)
            }
            return node
        }
        let before = writtenNodes + aliasNodes
        let node = try convertNew(yams)
        anchored[ObjectIdentifier(anchor)] = (node, writtenNodes + aliasNodes - before)
        return node
    }

    private mutating func convertNew(_ yams: Yams.Node) throws -> Node {
        writtenNodes += 1
        let location = yams.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
        let mergeTag = YAMLReader.mergeTag(of: yams.tag)
        switch yams {
        case .scalar(let scalar):
            let plain = scalar.style == .plain || scalar.style == .any
            if plain, scalar.tag.rawValue == Tag.Name.str.rawValue, ScalarTyping.isTimestamp(scalar.string) {
                throw ComposeError(
                    .wrongType, "\"\(scalar.string)\" is read as a YAML timestamp: quote it to use it as a string",
                    at: location)
            }
            var node = Node(YAMLReader.typedValue(of: scalar, plain: plain), at: location, isPlainScalar: plain)
            node.mergeTag = mergeTag
            return node
        case .sequence(let sequence):
            var items: [Node] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try convert(item)) }
            var node = Node(.sequence(items), at: location)
            node.mergeTag = mergeTag
            return node
        case .mapping(let mapping):
            var node = Node(.mapping(try convertMapping(mapping)), at: location)
            node.mergeTag = mergeTag
            return node
        case .alias:
            throw ComposeError(.yamlSyntax, "unresolved YAML alias", at: location)
        }
    }

    private mutating func convertMapping(_ mapping: Yams.Node.Mapping) throws -> Node.Mapping {
        var entries = Node.Mapping()
        var merged: [Node.Mapping] = []
        for (yamsKey, yamsValue) in mapping {
            let key = try convert(yamsKey)
            if key.isPlainScalar, key.string == "<<" {
                merged.append(contentsOf: try mergeSources(try convert(yamsValue)))
                continue
            }
            guard let name = key.scalarText else {
                throw ComposeError(.wrongType, "mapping keys must be strings, found \(key.kindName)", at: key.location)
            }
            var value = try convert(yamsValue)
            value.keyLocation = key.location
            entries[name] = value
        }
        // Explicit keys win over merged ones; among merged mappings, the first listed wins.
        for source in merged {
            for (key, value) in source where entries[key] == nil {
                entries[key] = value
            }
        }
        return entries
    }

    private func mergeSources(_ node: Node) throws -> [Node.Mapping] {
        switch node.value {
        case .mapping(let mapping): return [mapping]
        case .sequence(let items):
            return try items.map { item in
                guard let mapping = item.mapping else {
                    throw ComposeError(
                        .yamlSyntax, "map merge requires map or sequence of maps as the value", at: item.location)
                }
                return mapping
            }
        default:
            throw ComposeError(
                .yamlSyntax, "map merge requires map or sequence of maps as the value", at: node.location)
        }
    }
}
