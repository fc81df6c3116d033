import Yams

/// Reads YAML text into compose nodes: typed as Compose's YAML 1.2 reader types plain scalars, with merge keys
/// (`<<`) applied and `!reset` / `!override` tags kept for the merge of several files.
public enum YAMLReader {
    /// Returns the documents of `text`; a file with no document (empty, or only comments) gives none.
    public static func documents(_ text: String, file: String) throws(ComposeError) -> [Node] {
        do {
            let parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            var documents: [Node] = []
            var converter = Converter(file: file)
            while let root = try parser.nextRoot() {
                documents.append(try converter.convert(root))
            }
            return documents
        } catch let error as ComposeError {
            throw error
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ComposeError(.yamlSyntax, "cannot parse YAML: \(error)", file: file)
        }
    }

    fileprivate static func mergeTag(of tag: Tag) -> Node.MergeTag? {
        switch tag.rawValue {
        case "!reset": return .reset
        case "!override": return .override
        default: return nil
        }
    }

    /// Plain scalars are typed by their text; quoted and block scalars are strings. (The `.basic` resolver
    /// tags every untagged scalar `str`, so for plain scalars only the other core tags count as explicit.)
    fileprivate static func typedValue(of scalar: Yams.Node.Scalar, plain: Bool) -> Node.Value {
        switch scalar.tag.rawValue {
        case Tag.Name.int.rawValue:
            return ScalarTyping.integer(scalar.string).map { .int($0) } ?? .string(scalar.string)
        case Tag.Name.float.rawValue:
            return ScalarTyping.float(scalar.string).map { .double($0) } ?? .string(scalar.string)
        case Tag.Name.bool.rawValue, Tag.Name.null.rawValue: return ScalarTyping.resolve(scalar.string)
        default: return plain ? ScalarTyping.resolve(scalar.string) : .string(scalar.string)
        }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> ComposeError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return ComposeError(
                .yamlSyntax, "invalid YAML: \(detail)",
                at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ComposeError(
                .yamlSyntax, "invalid YAML: mapping key \(keys) already defined",
                at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column))
        case .reader(let problem, let offset, _, let yaml):
            // The reader (encoding, control characters) gives an offset in characters rather than a mark.
            guard let offset else { return ComposeError(.yamlSyntax, "invalid YAML: \(problem)", file: file) }
            let before = yaml.prefix(offset)
            let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            let column =
                before.count
                - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            return ComposeError(
                .yamlSyntax, "invalid YAML: \(problem)", at: SourceLocation(file: file, line: line, column: column))
        default:
            return ComposeError(.yamlSyntax, "invalid YAML: \(error)", file: file)
        }
    }
}

/// Turns the nodes Yams composed into compose nodes. Yams hands an alias over as the very node it names, so a
/// document of aliases of aliases ("billion laughs") is small in Yams but exponential once copied: each anchored
/// node is converted once and its copies counted, and past `LoaderLimits.aliasNodes` the file is refused.
private struct Converter {
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
